namespace EgiszBus.Adapters.Semd;

/// <summary>A medical service given (SERVICES act): internal id (<c>….52</c>), code of 1.2.643.5.1.13.13.11.1070 and time.</summary>
internal sealed record DischargeSummaryService(string IdRoot, string IdExtension, CdaCode Code, string Time);
