namespace EgiszBus.Adapters.Mis;

/// <summary>An inpatient discharge summary (SEMD 147) as the MIS JSON format carries it (<c>Schemas/mis/dischargesummary.schema.json</c>).</summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="PatientAddress">The patient's actual residence address, or null to use the profile's default patient address.</param>
/// <param name="Author">The attending doctor, who authors and signs the summary.</param>
/// <param name="Admitted">Admission time (local).</param>
/// <param name="Discharged">Discharge time (local).</param>
/// <param name="CaseNumber">Number of the case (hospitalisation) in the MIS.</param>
/// <param name="CardNumber">Number of the inpatient medical card.</param>
/// <param name="Summary">Summary of the stay (section HOSP).</param>
/// <param name="DiseaseHistory">History of the present illness (section ANAM).</param>
/// <param name="AdmissionState">State at admission (section STATEADM).</param>
/// <param name="Stay">Course of the stay: examinations, dynamics (section PATIENTROUTE).</param>
/// <param name="Diagnoses">Final diagnoses, the main one first (section STATEDIS/DGN; at least one).</param>
/// <param name="DischargeState">State at discharge (section STATEDIS).</param>
/// <param name="Recommendations">Recommendations (section STATEDIS/REGIME).</param>
/// <param name="ServiceForm">Code of FNSI 1.2.643.5.1.13.13.11.1551 (1 плановая, 2 экстренная, 3 неотложная).</param>
/// <param name="Insurer">The OMS insurer (the source of payment, participant IND of SEMD 147).</param>
/// <param name="Details">The coded facts, the route through the departments and the services.</param>
public sealed record MisDischargeSummaryDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisAddress? PatientAddress, MisDoctor Author,
    DateTime Admitted, DateTime Discharged, string CaseNumber, string CardNumber, string Summary, string DiseaseHistory, string AdmissionState,
    string Stay, IReadOnlyList<MisConsultationDiagnosis> Diagnoses, string DischargeState, string Recommendations,
    string ServiceForm, MisConsultationInsurer Insurer, MisDischargeSummaryDetails Details)
{
    /// <inheritdoc />
    public override string ToString() => $"MisDischargeSummaryDocument {{ DocumentNumber = {DocumentNumber}, *** }}";
}
