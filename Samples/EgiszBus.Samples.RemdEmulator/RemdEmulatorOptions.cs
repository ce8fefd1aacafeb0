namespace EgiszBus.Samples.RemdEmulator;

/// <summary>Settings of <see cref="RemdEmulator"/>.</summary>
public sealed record RemdEmulatorOptions
{
    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Where <c>registerDocumentResult</c> callbacks go; when null, the request's WS-Addressing <c>ReplyTo</c> (if an http address), else none.</summary>
    public Uri? CallbackUri { get; init; }

    /// <summary>Time from the synchronous "accepted" to the registration and its callback.</summary>
    public TimeSpan CallbackDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many times a callback is tried when the listener does not answer 2xx.</summary>
    public int CallbackAttempts { get; init; } = 3;

    /// <summary>Pause between callback attempts.</summary>
    public TimeSpan CallbackRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Timeout of one callback attempt.</summary>
    public TimeSpan CallbackTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Patient SNILS (any formatting) whose documents are rejected with PATIENT_MPI_MISMATCH.</summary>
    public IReadOnlyCollection<string> RejectPatientSnils { get; init; } = [];

    /// <summary>Kinds (FNSI 1520 codes) REMD does not know: rejected with OBJECT_NOT_FOUND.</summary>
    public IReadOnlyCollection<string> UnknownKinds { get; init; } = [];

    /// <summary>Seed of the fault-injection <see cref="Random"/>.</summary>
    public int Seed { get; init; } = 20240901;

    /// <summary>The emulator clock (registration times, outage windows, delays).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The stable prefix of generated registry numbers (<c>prefix.NNNNNNNNN</c>).</summary>
    public string EmdrIdPrefix { get; init; } = "16.62.23.09";

    /// <summary>The first registry number.</summary>
    public long FirstEmdrNumber { get; init; } = 14523;

    /// <summary>The largest SOAP request accepted.</summary>
    public long MaxRequestBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Faults active from the start.</summary>
    public RemdEmulatorFaults Faults { get; init; } = RemdEmulatorFaults.None;
}
