namespace EgiszBus.Host.Configuration;

/// <summary>The configuration has problems; the message lists every one of them, one per line (<c>Key: message</c>).</summary>
public sealed class ConfigurationValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public ConfigurationValidationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"The configuration is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
            + string.Concat(problems.Select(p => "\n" + p));
    }
}
