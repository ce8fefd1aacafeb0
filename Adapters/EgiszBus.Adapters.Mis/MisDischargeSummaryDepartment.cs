namespace EgiszBus.Adapters.Mis;

/// <summary>The stay in one department (SEMD 147 section DEPARTINFO); the attending doctor is the document's author.</summary>
/// <param name="Oid">Department OID (FRMO).</param>
/// <param name="Name">Department name.</param>
/// <param name="Admitted">Admission to the department (local).</param>
/// <param name="Discharged">Discharge or transfer from the department (local).</param>
/// <param name="BedProfile">Bed profile, FNSI 1.2.643.5.1.13.13.11.1069 (code, display, version as the MIS knows them).</param>
/// <param name="Text">Narrative of the stay and the treatment given there.</param>
public sealed record MisDischargeSummaryDepartment(string Oid, string Name, DateTime Admitted, DateTime Discharged, MisCoding BedProfile, string Text);
