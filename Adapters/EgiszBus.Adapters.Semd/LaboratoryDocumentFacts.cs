namespace EgiszBus.Adapters.Semd;

/// <summary>Facts of a laboratory study protocol (SEMD kind 186) that the hub keeps beside the SEMD.</summary>
/// <param name="Kind">FNSI 1.2.643.5.1.13.13.11.1520 code, "186".</param>
/// <param name="DocumentIdRoot">ClinicalDocument/id/@root (MIS root + <c>.51</c>).</param>
/// <param name="DocumentIdExtension">ClinicalDocument/id/@extension (<c>Bundle.identifier.value</c>).</param>
/// <param name="LocalUid">The Bundle's <c>id</c> when it is a UUID; else UUID v5 (RFC 9562, OID namespace) of <c>"{root}/{extension}"</c>.</param>
/// <param name="DocumentNumber">The document number shown to people (= <paramref name="DocumentIdExtension"/>).</param>
/// <param name="SetIdRoot">ClinicalDocument/setId/@root.</param>
/// <param name="SetIdExtension">ClinicalDocument/setId/@extension.</param>
/// <param name="VersionNumber">ClinicalDocument/versionNumber.</param>
/// <param name="OrganizationOid">FRMO OID of the custodian organisation.</param>
/// <param name="DepartmentOid">OID of the author's department (PractitionerRole.organization with <c>partOf</c>), or null.</param>
/// <param name="CreatedAt"><c>Composition.date</c>.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Signers">Expected signers (the author, then the legal authenticator when another person).</param>
/// <param name="Signatures">Signatures carried in <c>Bundle.signature</c> (empty when none).</param>
public sealed record LaboratoryDocumentFacts(
    string Kind,
    string DocumentIdRoot,
    string DocumentIdExtension,
    Guid LocalUid,
    string DocumentNumber,
    string SetIdRoot,
    string SetIdExtension,
    int VersionNumber,
    string OrganizationOid,
    string? DepartmentOid,
    DateTimeOffset CreatedAt,
    SemdPatientFacts Patient,
    IReadOnlyList<SemdSignerFacts> Signers,
    IReadOnlyList<CarriedSignature> Signatures);
