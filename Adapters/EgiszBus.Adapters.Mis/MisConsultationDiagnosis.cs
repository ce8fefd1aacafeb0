namespace EgiszBus.Adapters.Mis;

/// <summary>A diagnosis of a consultation or discharge summary as the MIS JSON formats carry it.</summary>
/// <param name="IcdCode">ICD-10 code (FNSI 1.2.643.5.1.13.13.11.1005), e.g. J06.9; checked against the snapshot by the SEMD translator.</param>
/// <param name="Text">The doctor's wording of the diagnosis.</param>
public sealed record MisConsultationDiagnosis(string IcdCode, string Text);
