namespace EgiszBus.Adapters.Semd;

/// <summary>A diagnosis of a DGN section: nosological kind (1077), ICD-10 code, wording and, optionally, the validity (795, field 7026).</summary>
internal sealed record DischargeSummaryDiagnosis(CdaCode Kind, CdaCode Icd, string? Text, CdaCode? Validity);
