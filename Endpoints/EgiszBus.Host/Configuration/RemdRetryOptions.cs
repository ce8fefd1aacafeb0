namespace EgiszBus.Host.Configuration;

/// <summary>Back-off of REMD calls that failed for a retryable reason (section <c>Remd:Retry</c>).</summary>
public sealed class RemdRetryOptions
{
    /// <summary>First wait after a retryable failure.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Each wait is the previous one times this factor (≥ 1).</summary>
    public double Factor { get; set; } = 2.0;

    /// <summary>The longest single wait.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this long since the first attempt the document is reported as failed for good.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromDays(2);
}
