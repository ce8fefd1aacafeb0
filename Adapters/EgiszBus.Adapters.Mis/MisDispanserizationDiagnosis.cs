namespace EgiszBus.Adapters.Mis;

/// <summary>A diagnosis established at a dispanserization or preventive examination (SEMD 122, section DGN).</summary>
/// <param name="Icd10">ICD-10 code (1.2.643.5.1.13.13.11.1005), e.g. <c>Z00.0</c>; checked against the snapshot on the FHIR → SEMD step.</param>
/// <param name="Text">The diagnosis in words, or null.</param>
public sealed record MisDispanserizationDiagnosis(string Icd10, string? Text);
