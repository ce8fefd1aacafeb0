namespace EgiszBus.Adapters.Mis;

/// <summary>The coded facts of an inpatient discharge summary that the official SEMD 147 rules require (У3-1…У3-47).</summary>
/// <param name="Reason">Повод обращения, FNSI 1.2.643.5.1.13.13.99.2.784 (field 6051).</param>
/// <param name="AdmissionSign">Признак поступления\выбытия (field 6023).</param>
/// <param name="Repeat">Первичный (1) or повторный (2) case, FNSI 1.2.643.5.1.13.13.11.1007 (field 6022).</param>
/// <param name="Channel">Путь поступления, FNSI 1.2.643.5.1.13.13.11.1496 (field 6042).</param>
/// <param name="LifeHistory">Life history (section LANAM).</param>
/// <param name="Complaints">Complaints at admission (field 835).</param>
/// <param name="AdmissionSeverity">Severity at admission, FNSI 1.2.643.5.1.13.13.11.1006 (field 804).</param>
/// <param name="AdmissionDiagnoses">Diagnoses at admission, the main one first.</param>
/// <param name="Departments">The route through the departments (at least one).</param>
/// <param name="DischargeSeverity">Severity at discharge, FNSI 1.2.643.5.1.13.13.11.1006.</param>
/// <param name="Result">Result of the hospitalisation, FNSI 1.2.643.5.1.13.13.11.1046 (field 818).</param>
/// <param name="SuspectedCancer">Suspected malignancy (field 6036).</param>
/// <param name="IndividualPost">Individual nursing post (field 6037).</param>
/// <param name="Services">Services given (at least one).</param>
/// <param name="Disposition">Outcome of the stay, FNSI 1.2.643.5.1.13.13.11.1470 (encompassingEncounter/dischargeDispositionCode).</param>
public sealed record MisDischargeSummaryDetails(
    MisCoding Reason, bool AdmissionSign, string Repeat, MisCoding Channel, string LifeHistory, string Complaints, string AdmissionSeverity,
    IReadOnlyList<MisConsultationDiagnosis> AdmissionDiagnoses, IReadOnlyList<MisDischargeSummaryDepartment> Departments, string DischargeSeverity,
    MisCoding Result, bool SuspectedCancer, bool IndividualPost, IReadOnlyList<MisDischargeSummaryService> Services, MisCoding Disposition);
