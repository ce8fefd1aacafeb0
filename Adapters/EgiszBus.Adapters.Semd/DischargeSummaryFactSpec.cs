namespace EgiszBus.Adapters.Semd;

/// <summary>What a kind-147 section requires of one fact: the field code, the value type (CD, BL, ST), for CD the directory, and whether the observation carries a text (Observation.note).</summary>
internal sealed record DischargeSummaryFactSpec(string Field, string Type, string? System = null, bool Required = true, bool WithText = false);
