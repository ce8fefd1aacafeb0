namespace EgiszBus.Samples.RemdEmulator;

/// <summary>
/// Faults the emulator injects; replace them at run time through <see cref="RemdEmulator.Faults"/> or <c>POST /faults</c>
/// (JSON, camelCase, TimeSpan as "hh:mm:ss.fff"; missing fields take their defaults = no fault).
/// </summary>
public sealed record RemdEmulatorFaults
{
    /// <summary>No faults.</summary>
    public static RemdEmulatorFaults None { get; } = new();

    /// <summary>Share (0..1) of SOAP requests answered with HTTP 500/503 or a SOAP Fault (RATE_LIMIT / INTERNAL_ERROR), before anything is recorded.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Added before every SOAP answer.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Until this moment (emulator clock) every SOAP request gets HTTP 503 (or a dropped connection).</summary>
    public DateTimeOffset? OutageUntil { get; init; }

    /// <summary>During an outage, drop the connection instead of answering 503.</summary>
    public bool OutageDropsConnections { get; init; }

    /// <summary>Share (0..1) of callbacks never sent (the registration still happens).</summary>
    public double LostCallbackRate { get; init; }

    /// <summary>Share (0..1) of callbacks sent twice.</summary>
    public double DuplicateCallbackRate { get; init; }

    /// <summary>Share (0..1) of valid registerDocument requests recorded and scheduled, but answered with HTTP 500.</summary>
    public double AcceptThenFailRate { get; init; }
}
