namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The results of a dispanserization or preventive medical examination (SEMD 122) as the MIS JSON format carries it
/// (<c>Schemas/mis/dispanserization.schema.json</c>).
/// </summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Residence">City/village sign of the patient, FNSI 1.2.643.5.1.13.13.11.1042 (1 Город, 2 Село).</param>
/// <param name="Author">The doctor who authored and signs the document.</param>
/// <param name="CaseNumber">Number of the case (encounter id, root <c>.15</c>).</param>
/// <param name="MedicalCardNumber">Number of the outpatient medical card (root <c>.17</c>).</param>
/// <param name="ServiceEventCode">Kind of service, 1.2.643.5.1.13.13.99.2.726: 14 Диспансеризация, 10 Профилактический медицинский осмотр.</param>
/// <param name="ExaminationStart">Start of the examination (local time).</param>
/// <param name="ExaminationEnd">End of the examination (local time).</param>
/// <param name="HealthGroup">Health group, 1.2.643.5.1.13.13.99.2.766 «Группы здоровья» (field 6020; as sent).</param>
/// <param name="DispensaryStatus">Status of dispensary observation, 1.2.643.5.1.13.13.11.1047 (field 6021; as sent).</param>
/// <param name="Summary">Narrative of the MEDEXAMINFO section, or null (then generated from the group and the status).</param>
/// <param name="Diagnoses">Diagnoses, the first is the main one (at least one).</param>
public sealed record MisDispanserizationDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisCoding Residence, MisDoctor Author,
    string CaseNumber, string MedicalCardNumber, string ServiceEventCode, DateTime ExaminationStart, DateTime ExaminationEnd,
    MisCoding HealthGroup, MisCoding DispensaryStatus, string? Summary, IReadOnlyList<MisDispanserizationDiagnosis> Diagnoses)
{
    /// <inheritdoc />
    public override string ToString() => $"MisDispanserizationDocument {{ DocumentNumber = {DocumentNumber}, *** }}";
}
