namespace EgiszBus.Adapters.Remd;

/// <summary>One error as REMD reports it (codes from FNSI 1.2.643.5.1.13.13.99.2.305).</summary>
public sealed record RemdError(string Code, string Message);
