namespace EgiszBus.Adapters.Mis;

/// <summary>An instrumental study protocol (SEMD 174) as the MIS JSON format carries it (<c>Schemas/mis/instrumental.schema.json</c>).</summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Author">The doctor who performed the study, authored and signs the protocol.</param>
/// <param name="VisitKind">FNSI 1.2.643.5.1.13.13.11.1007 code: 1 primary, 2 repeated.</param>
/// <param name="ReferralDiagnosis">ICD-10 code of the referral diagnosis (1.2.643.5.1.13.13.11.1005), or null.</param>
/// <param name="StudyCode">Study code in 1.2.643.5.1.13.13.11.1471.</param>
/// <param name="StudyName">Study name as in 1.2.643.5.1.13.13.11.1471.</param>
/// <param name="StudyStart">Start of the study (local time).</param>
/// <param name="StudyEnd">End of the study (local time), or null.</param>
/// <param name="Protocol">The protocol: description of the findings.</param>
/// <param name="Conclusion">The conclusion.</param>
/// <param name="Recommendations">Recommendations, or null.</param>
public sealed record InstrumentalMisDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author, string VisitKind,
    string? ReferralDiagnosis, string StudyCode, string StudyName, DateTime StudyStart, DateTime? StudyEnd, string Protocol, string Conclusion,
    string? Recommendations)
{
    /// <inheritdoc />
    public override string ToString() => $"InstrumentalMisDocument {{ DocumentNumber = {DocumentNumber}, StudyCode = {StudyCode}, *** }}";
}
