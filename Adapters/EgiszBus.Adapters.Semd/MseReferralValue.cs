namespace EgiszBus.Adapters.Semd;

/// <summary>One value of a coded field (1.2.643.5.1.13.13.99.2.166) with the CDA data type it is written as.</summary>
internal sealed record MseReferralValue(CdaCode Field, string Type, string? Text, CdaCode? Coded, string? Time);
