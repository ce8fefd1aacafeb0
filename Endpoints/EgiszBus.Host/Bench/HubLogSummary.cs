using System.Text.Json;
using System.Text.RegularExpressions;

namespace EgiszBus.Host.Bench;

/// <summary>
/// Warnings and errors the in-process hub wrote to its compact-JSON log files (<c>{dataDirectory}/logs/*.json</c>) during
/// the bench, whose console output is muted so the table stays readable.
/// </summary>
/// <param name="Warnings">Events at Warning.</param>
/// <param name="Errors">Events at Error or Fatal.</param>
/// <param name="Top">The most frequent message templates with their counts, most frequent first (at most three).</param>
public sealed partial record HubLogSummary(int Warnings, int Errors, IReadOnlyList<string> Top)
{
    private const long MaxLineChars = 1024 * 1024;

    /// <summary>Reads every log file under <paramref name="dataDirectory"/>/logs; an empty summary when there is none.</summary>
    public static HubLogSummary Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "logs");
        var warnings = 0;
        var errors = 0;
        var templates = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return new HubLogSummary(0, 0, []);
        }

        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line.Length > MaxLineChars)
                {
                    continue;
                }

                using var entry = JsonDocument.Parse(line);
                var level = entry.RootElement.TryGetProperty("@l", out var l) ? l.GetString() : "Information";
                if (level is not ("Warning" or "Error" or "Fatal"))
                {
                    continue;
                }

                if (level == "Warning")
                {
                    warnings++;
                }
                else
                {
                    errors++;
                }

                var template = entry.RootElement.TryGetProperty("@mt", out var mt) ? mt.GetString() ?? "" : "";
                var exception = entry.RootElement.TryGetProperty("@x", out var x) ? (x.GetString() ?? "").Split('\n')[0].Trim() : "";
                var key = Guids().Replace($"{level}: {template}" + (exception.Length > 0 ? $" — {Truncate(exception, 140)}" : ""), "…");
                templates[key] = templates.GetValueOrDefault(key) + 1;
            }
        }

        var top = templates.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(3)
            .Select(p => $"{p.Value} × {p.Key}").ToList();
        return new HubLogSummary(warnings, errors, top);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();
}
