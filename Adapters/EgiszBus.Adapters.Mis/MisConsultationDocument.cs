namespace EgiszBus.Adapters.Mis;

/// <summary>A doctor's consultation protocol (SEMD 119) as the MIS JSON format carries it (<c>Schemas/mis/consultation.schema.json</c>).</summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient (an OMS policy is required for this kind).</param>
/// <param name="PatientAddress">The patient's actual residence address, or null to use the profile's default patient address.</param>
/// <param name="Author">The consulting doctor, who authors and signs the protocol.</param>
/// <param name="Insurer">The OMS insurer (source of payment).</param>
/// <param name="VisitStart">Start of the consultation (local time).</param>
/// <param name="VisitEnd">End of the consultation (local time), or null.</param>
/// <param name="CaseNumber">Number of the case (encounter) in the MIS.</param>
/// <param name="CardNumber">Number of the outpatient medical card.</param>
/// <param name="Repeated">False for a primary visit (FNSI 1.2.643.5.1.13.13.11.1007 code 1), true for a repeated one (code 2).</param>
/// <param name="Complaints">Complaints, or null.</param>
/// <param name="DiseaseHistory">History of the present illness.</param>
/// <param name="LifeHistory">Life history.</param>
/// <param name="Examination">Findings of the examination.</param>
/// <param name="ConditionCode">Patient's condition, FNSI 1.2.643.5.1.13.13.11.1006 code.</param>
/// <param name="Diagnosis">The diagnosis and the conclusion.</param>
/// <param name="Recommendations">Recommendations, or null.</param>
public sealed record MisConsultationDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisAddress? PatientAddress, MisDoctor Author,
    MisConsultationInsurer Insurer, DateTime VisitStart, DateTime? VisitEnd, string CaseNumber, string CardNumber, bool Repeated,
    string? Complaints, string DiseaseHistory, string LifeHistory, string Examination, string ConditionCode, MisConsultationDiagnosis Diagnosis,
    string? Recommendations)
{
    /// <inheritdoc />
    public override string ToString() => $"MisConsultationDocument {{ DocumentNumber = {DocumentNumber}, *** }}";
}
