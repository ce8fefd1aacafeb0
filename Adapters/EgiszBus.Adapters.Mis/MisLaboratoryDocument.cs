namespace EgiszBus.Adapters.Mis;

/// <summary>A laboratory study protocol as MIS exports carry it (format-neutral: CSV and JSON read into this).</summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Author">The doctor who authored and signs the document.</param>
/// <param name="Results">The test results (at least one).</param>
public sealed record MisLaboratoryDocument(string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author,
    IReadOnlyList<MisLabResult> Results);
