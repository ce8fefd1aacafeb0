namespace EgiszBus.Adapters.Mis;

/// <summary>
/// A referral to hospitalisation, rehabilitation, examination or consultation (SEMD 43) as the MIS JSON format carries it
/// (<c>Schemas/mis/hospitalisationreferral.schema.json</c>).
/// </summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the referring medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Author">The referring doctor, who authors and signs the referral.</param>
/// <param name="PurposeCode">Purpose of the referral, FNSI 1.2.643.5.1.13.13.99.2.726 code (13 hospitalisation, 1 consultation, 3 instrumental study, 4 laboratory study).</param>
/// <param name="TargetOrganizationOid">FRMO OID of the organisation the patient is referred to.</param>
/// <param name="TargetOrganizationName">Name of that organisation.</param>
/// <param name="PlannedDate">Planned date of hospitalisation / visit, or null.</param>
/// <param name="Diagnosis">ICD-10 code of the diagnosis (1.2.643.5.1.13.13.11.1005).</param>
/// <param name="DiagnosisText">Diagnosis in words, or null.</param>
/// <param name="Justification">Description and justification of the referral.</param>
public sealed record HospitalisationReferralMisDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author, string PurposeCode,
    string TargetOrganizationOid, string TargetOrganizationName, DateOnly? PlannedDate, string Diagnosis, string? DiagnosisText, string Justification)
{
    /// <inheritdoc />
    public override string ToString() => $"HospitalisationReferralMisDocument {{ DocumentNumber = {DocumentNumber}, PurposeCode = {PurposeCode}, *** }}";
}
