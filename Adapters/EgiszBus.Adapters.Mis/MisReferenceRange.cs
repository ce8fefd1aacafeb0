namespace EgiszBus.Adapters.Mis;

/// <summary>A reference interval: <c>a-b</c> (both bounds), <c>&lt;b</c> (high only) or <c>&gt;a</c> (low only).</summary>
/// <param name="Low">Lower bound, or null.</param>
/// <param name="High">Upper bound, or null.</param>
/// <param name="Text">The interval as sent.</param>
public sealed record MisReferenceRange(decimal? Low, decimal? High, string Text)
{
    /// <summary>FNSI 1.2.643.5.1.13.13.99.2.257 interpretation of <paramref name="value"/>: 1 normal, 2 above, 3 below.</summary>
    public string Interpret(decimal value) =>
        Low is { } low && (High is null ? value <= low : value < low) ? "3"
        : High is { } high && (Low is null ? value >= high : value > high) ? "2"
        : "1";
}
