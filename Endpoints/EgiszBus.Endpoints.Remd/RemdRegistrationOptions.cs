namespace EgiszBus.Endpoints.Remd;

/// <summary>
/// Retry and waiting rules of <see cref="Policies.RemdRegistrationPolicy"/>. Technical failures are retried with capped
/// exponential back-off (<see cref="InitialDelay"/> × <see cref="Factor"/>^(attempt−1), at most <see cref="MaxDelay"/>)
/// until <see cref="Deadline"/> after the first attempt; a missing callback is chased with <c>searchRegistryItem</c>
/// after <see cref="CallbackTimeout"/>.
/// </summary>
public sealed class RemdRegistrationOptions
{
    /// <summary>Delay before the first retry.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Growth of the delay per attempt (≥ 1).</summary>
    public double Factor { get; set; } = 2.0;

    /// <summary>Cap of one delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Give up (state Failed) when technical failures last longer than this since the first attempt.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long to wait for the registerDocumentResult callback before asking REMD with searchRegistryItem.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The delay before attempt number <paramref name="attempt"/> + 1 (attempt counts from 1).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(Math.Max(1.0, Factor), Math.Max(0, attempt - 1));
        var ticks = InitialDelay.Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
