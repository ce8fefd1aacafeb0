using System.Text.RegularExpressions;

namespace EgiszBus.TestKit;

/// <summary>
/// Runs the official SEMD validation (<c>shared/tools/semd-schematron KIND FILE</c>: XSD via xmllint, then the compiled
/// schematron via Saxon) and parses its report. Each run starts a JVM (~2 s): validate few files per test run.
/// </summary>
public static class SemdSchematron
{
    private static readonly Regex TemplateId = new(@"<templateId\s+root=""(?<root>[0-9.]+)""", RegexOptions.CultureInvariant);
    private static readonly Regex Summary = new(@"^semd-schematron: (?<kind>\S+) (?<file>.+): (?<count>\d+) errors$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>The outcome of one validation.</summary>
    /// <param name="ErrorCount">The N of the final line <c>semd-schematron: KIND FILE: N errors</c>.</param>
    /// <param name="Errors">The error lines (<c>[xsd] …</c>, <c>[assert] …</c>, <c>[report] …</c>, each with its <c>at</c> line).</param>
    /// <param name="Output">The whole output, for assertion messages.</param>
    public sealed record Report(int ErrorCount, IReadOnlyList<string> Errors, string Output);

    /// <summary>
    /// True when the shared rules of <paramref name="kind"/> are the rules of this document: a schematron exists and names
    /// the document's templateId. (In the public data kept with this project <c>semd/147</c> holds kind 142's rules.)
    /// </summary>
    public static bool RulesMatch(string kind, byte[] semd)
    {
        var schematron = Path.Combine(RepositoryPaths.SharedData, "semd", kind, kind + ".sch");
        if (!File.Exists(schematron))
        {
            return false;
        }

        var root = TemplateId.Match(System.Text.Encoding.UTF8.GetString(semd));
        return root.Success && File.ReadAllText(schematron).Contains(root.Groups["root"].Value, StringComparison.Ordinal);
    }

    /// <summary>Validates <paramref name="file"/> as SEMD kind <paramref name="kind"/>.</summary>
    public static Report Validate(string kind, string file)
    {
        var tool = Path.Combine(RepositoryPaths.SharedTools, "semd-schematron");
        var result = ProcessRunner.Run(tool, [kind, file], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["SEMD_DATA"] = RepositoryPaths.SharedData });
        var match = Summary.Match(result.StandardOutput);
        if (!match.Success)
        {
            throw new InvalidOperationException($"semd-schematron gave no summary line (exit {result.ExitCode}): {result.Output}");
        }

        var errors = new List<string>();
        var lines = result.StandardOutput.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("[xsd]", StringComparison.Ordinal) || lines[i].StartsWith("[assert]", StringComparison.Ordinal)
                || lines[i].StartsWith("[report]", StringComparison.Ordinal) || lines[i].StartsWith("[schematron]", StringComparison.Ordinal))
            {
                var at = i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith("at ", StringComparison.Ordinal) ? " " + lines[i + 1].Trim() : string.Empty;
                errors.Add(lines[i] + at);
            }
        }

        return new Report(int.Parse(match.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture), errors, result.Output);
    }
}
