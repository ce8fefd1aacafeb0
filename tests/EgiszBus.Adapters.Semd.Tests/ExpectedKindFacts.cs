namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>What <see cref="FhirToSemdKindContract"/> expects of the facts and the header of a kind's facts sample.</summary>
/// <param name="DocumentIdExtension">ClinicalDocument/id/@extension (the root is always the MIS root + <c>.51</c>).</param>
/// <param name="LocalUid">The facts' local UID.</param>
/// <param name="Patient">The patient.</param>
/// <param name="SignerSnils">The signers' SNILS digits, author first.</param>
/// <param name="PositionCode">The author's position (FNSI 1.2.643.5.1.13.13.11.1002).</param>
/// <param name="DepartmentOid">The author's department OID, or null when the sample names none.</param>
/// <param name="TypeCode">The document's FNSI 1.2.643.5.1.13.13.11.1522 code (ClinicalDocument/code/@code).</param>
/// <param name="TemplateId">ClinicalDocument/templateId/@root.</param>
public sealed record ExpectedKindFacts(
    string DocumentIdExtension,
    Guid LocalUid,
    SemdPatientFacts Patient,
    IReadOnlyList<string> SignerSnils,
    string PositionCode,
    string? DepartmentOid,
    string TypeCode,
    string TemplateId);
