namespace EgiszBus.Host.Configuration;

/// <summary>
/// What <see cref="HostConfiguration.Read"/> found: the settings (defaults wherever a value was unusable), the problems
/// that must stop the start, and warnings (unknown keys) to log.
/// </summary>
public sealed record HostSettingsResult(
    HostSettings Settings,
    IReadOnlyList<ConfigurationProblem> Problems,
    IReadOnlyList<ConfigurationProblem> Warnings)
{
    /// <summary>True when there is no problem (warnings allowed).</summary>
    public bool IsValid => Problems.Count == 0;
}
