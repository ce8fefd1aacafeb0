namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>A clock standing still at <paramref name="now"/>.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly FixedTime Spring2025 = new(new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
