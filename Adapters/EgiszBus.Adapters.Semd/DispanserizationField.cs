namespace EgiszBus.Adapters.Semd;

/// <summary>An Observation of a 122/83 section: field (99.2.166), coded or text value, effective time, FHIRPath of the Observation.</summary>
internal sealed record DispanserizationField(CdaCode Field, CdaCode? Coded, string? Text, string? EffectiveTime, string Path);
