namespace EgiszBus.Adapters.Mis;

/// <summary>One non-blank CSV record: the physical line where it starts and its raw fields.</summary>
internal sealed record MisCsvRow(int Line, string[] Fields);
