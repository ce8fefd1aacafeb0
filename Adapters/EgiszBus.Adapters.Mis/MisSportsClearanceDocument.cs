namespace EgiszBus.Adapters.Mis;

/// <summary>
/// A medical clearance for sports (SEMD 83) as the MIS JSON format carries it (<c>Schemas/mis/sportsclearance.schema.json</c>).
/// </summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation; also the signing time.</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient (the OMS policy is required: the examination is paid by OMS).</param>
/// <param name="Author">The doctor who authored and signs the clearance.</param>
/// <param name="CaseNumber">Number of the case (encounter id, root <c>.15</c>).</param>
/// <param name="MedicalCardNumber">Number of the outpatient medical card (root <c>.17</c>).</param>
/// <param name="ExaminationStart">Start of the examination (local time).</param>
/// <param name="ExaminationEnd">End of the examination (local time).</param>
/// <param name="Conclusion">The conclusion, 1.2.643.5.1.13.13.99.2.725 (as sent).</param>
/// <param name="ValidUntil">Last day the clearance is valid.</param>
/// <param name="Sports">Kinds of sport the clearance is for.</param>
/// <param name="Summary">Narrative of the DOCINFO section, or null (then generated).</param>
/// <param name="Insurer">The insurer (source of payment).</param>
public sealed record MisSportsClearanceDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author, string CaseNumber,
    string MedicalCardNumber, DateTime ExaminationStart, DateTime ExaminationEnd, MisCoding Conclusion, DateOnly ValidUntil, string Sports,
    string? Summary, MisSportsClearanceInsurer Insurer)
{
    /// <inheritdoc />
    public override string ToString() => $"MisSportsClearanceDocument {{ DocumentNumber = {DocumentNumber}, *** }}";
}
