namespace EgiszBus.Host.Configuration;

/// <summary>
/// One problem (or warning) found in the configuration: the full key (<c>Remd:Retry:Factor</c>), what is wrong and what
/// is allowed, and a stable <see cref="Code"/> from <see cref="ConfigurationProblemCodes"/> for tests and tooling.
/// </summary>
public sealed record ConfigurationProblem(string Key, string Message)
{
    /// <summary>The stable code (<c>CFG-001</c>…).</summary>
    public string Code { get; init; } = ConfigurationProblemCodes.InvalidValue;

    /// <summary><c>Key: Message</c>, the line an operator reads.</summary>
    public override string ToString() => $"{Key}: {Message}";
}
