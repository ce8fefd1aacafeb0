namespace EgiszBus.Endpoints.Hosting;

/// <summary>
/// Bus and storage settings, bound from the configuration section <see cref="SectionName"/> (<c>Bus</c>).
/// </summary>
/// <remarks>
/// Defaults measured on the 2-core build machine (<c>GivenThreeThousandQueuedMessages_…ThroughputIsPrinted</c>: 3,000
/// no-op messages queued first, then drained by one endpoint; workers 1, parallelism 10, idle back-off 10 ms doubling
/// to 250 ms): Embedded ~1,800-2,100 msg/s (SQLite synchronous=NORMAL; ~190 msg/s with
/// <see cref="EmbeddedDurableCommits"/>), PostgreSQL ~580-700 msg/s (fsync on, extra index on the queue table's id).
/// 5,000 messages sent from 4 threads while two endpoints receive: ~5 s embedded, ~7 s PostgreSQL.
/// Rebus's default back-off with one worker drained at ~10-50 msg/s in an earlier prototype (TESTING.md), so it is
/// never used; the 250 ms cap bounds an idle endpoint to ~4 polls/s. Other worker/parallelism mixes were not measured.
/// </remarks>
public sealed class BusOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Bus";

    /// <summary>The transport (and saga, subscription, document and status storage) of the process.</summary>
    public TransportKind Transport { get; set; } = TransportKind.Embedded;

    /// <summary>Embedded mode: folder for <c>bus.db</c>, <c>status.db</c> and <c>documents/</c>.</summary>
    public string DataDirectory { get; set; } = "./var";

    /// <summary>PostgreSQL mode: Npgsql connection string (keep <c>Maximum Pool Size</c> around 30).</summary>
    public string? PostgreSqlConnectionString { get; set; }

    /// <summary>Worker threads per endpoint.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Messages handled concurrently per endpoint.</summary>
    public int MaxParallelism { get; set; } = 10;

    /// <summary>Handler runs before a message goes to the <c>error</c> queue.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>First wait after an empty receive; doubles up to <see cref="IdleBackoffMaxMilliseconds"/>.</summary>
    public int IdleBackoffMinMilliseconds { get; set; } = 10;

    /// <summary>Longest wait between receives of an idle endpoint (also the worst added latency).</summary>
    public int IdleBackoffMaxMilliseconds { get; set; } = 250;

    /// <summary>
    /// Embedded mode: how long a received message stays invisible to other receivers. The lease is renewed while
    /// the handler runs; after a crash the message becomes visible again when the lease ends.
    /// </summary>
    public int EmbeddedLeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Embedded mode: <c>true</c> makes every bus commit survive a power loss (SQLite <c>synchronous=FULL</c>,
    /// measured ~190 msg/s); <c>false</c> (default, ~2,100 msg/s) survives process crashes, and a power loss may undo
    /// the last commits. Production sites that need power-loss durability run PostgreSQL.
    /// </summary>
    public bool EmbeddedDurableCommits { get; set; }

    /// <summary>Checks the options; every error names its configuration key. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Transport))
        {
            errors.Add($"{SectionName}:Transport must be Embedded or PostgreSql");
        }

        if (Transport == TransportKind.PostgreSql && string.IsNullOrWhiteSpace(PostgreSqlConnectionString))
        {
            errors.Add($"{SectionName}:PostgreSqlConnectionString is required when {SectionName}:Transport is PostgreSql");
        }

        if (Transport == TransportKind.Embedded && string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add($"{SectionName}:DataDirectory is required when {SectionName}:Transport is Embedded");
        }

        if (Workers is < 1 or > 64)
        {
            errors.Add($"{SectionName}:Workers must be between 1 and 64");
        }

        if (MaxParallelism is < 1 or > 1000)
        {
            errors.Add($"{SectionName}:MaxParallelism must be between 1 and 1000");
        }

        if (MaxDeliveryAttempts is < 1 or > 100)
        {
            errors.Add($"{SectionName}:MaxDeliveryAttempts must be between 1 and 100");
        }

        if (IdleBackoffMinMilliseconds < 1 || IdleBackoffMaxMilliseconds < IdleBackoffMinMilliseconds || IdleBackoffMaxMilliseconds > 60_000)
        {
            errors.Add($"{SectionName}:IdleBackoffMinMilliseconds must be at least 1 and at most {SectionName}:IdleBackoffMaxMilliseconds (at most 60000)");
        }

        if (EmbeddedLeaseSeconds is < 1 or > 86_400)
        {
            errors.Add($"{SectionName}:EmbeddedLeaseSeconds must be between 1 and 86400");
        }

        return errors;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every error when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid bus settings: " + string.Join("; ", errors));
        }
    }

    /// <summary>The idle back-off sequence handed to Rebus: min, doubling, capped at max.</summary>
    public IReadOnlyList<TimeSpan> IdleBackoffTimes()
    {
        var times = new List<TimeSpan>();
        for (var ms = IdleBackoffMinMilliseconds; ; ms *= 2)
        {
            if (ms >= IdleBackoffMaxMilliseconds)
            {
                times.Add(TimeSpan.FromMilliseconds(IdleBackoffMaxMilliseconds));
                return times;
            }

            times.Add(TimeSpan.FromMilliseconds(ms));
        }
    }

    /// <summary>The full path of the data directory.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
