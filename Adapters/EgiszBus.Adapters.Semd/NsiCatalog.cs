using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// FNSI directory snapshots read from <c>{referenceData}/nsi/{OID}_{version}.json</c> (+ <c>.passport.json</c>),
/// loaded lazily per OID and indexed by code. Thread-safe; keep one instance per reference-data folder.
/// </summary>
public sealed class NsiCatalog
{
    // Code column and display column of the directories whose passport does not name them the way CDA uses them.
    private static readonly Dictionary<string, (string Code, string Display)> Columns = new(StringComparer.Ordinal)
    {
        ["1.2.643.5.1.13.13.11.1005"] = ("MKB_CODE", "MKB_NAME"),
        ["1.2.643.5.1.13.13.11.1080"] = ("ID", "FULLNAME"),
        ["1.2.643.5.1.13.13.11.1358"] = ("ID", "FULLNAME"),
        ["1.2.643.5.1.13.13.11.1504"] = ("ID", "ADDRESS_TYPE"),
        ["1.2.643.5.1.13.13.11.1520"] = ("ID", "NAME"),
        ["1.2.643.5.1.13.13.11.1522"] = ("RECID", "Name"),
        ["1.2.643.5.1.13.13.99.2.197"] = ("CODE", "NAME"),
        ["1.2.643.5.1.13.13.99.2.206"] = ("ID", "SUBJECT"),
        ["1.2.643.5.1.13.13.99.2.285"] = ("CODE", "NAME"),
        ["1.2.643.5.1.13.13.99.2.368"] = ("ID", "NAME_ROLE"),
        ["1.2.643.5.1.13.13.99.2.726"] = ("ID", "Type"),
        ["1.2.643.5.1.13.13.11.1070"] = ("S_CODE", "NAME"),
        ["1.2.643.5.1.13.13.11.1005"] = ("MKB_CODE", "MKB_NAME"),
    };

    private readonly string nsiFolder;
    private readonly ConcurrentDictionary<string, Lazy<Directory?>> directories = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog over <paramref name="referenceDataRoot"/> (the folder that holds <c>nsi/</c>).</summary>
    public NsiCatalog(string referenceDataRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceDataRoot);
        nsiFolder = Path.Combine(referenceDataRoot, "nsi");
    }

    /// <summary>True when a snapshot of <paramref name="oid"/> exists.</summary>
    public bool HasDirectory(string oid) => Load(oid) is not null;

    /// <summary>The row with <paramref name="code"/> in directory <paramref name="oid"/>, or null (unknown code or no snapshot).</summary>
    public NsiEntry? Find(string oid, string? code) =>
        code is not null && Load(oid) is { } directory && directory.Rows.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The snapshot version of <paramref name="oid"/>, or null.</summary>
    public string? VersionOf(string oid) => Load(oid)?.Version;

    /// <summary>The full name of directory <paramref name="oid"/>, or null.</summary>
    public string? NameOf(string oid) => Load(oid)?.Name;

    private Directory? Load(string oid) =>
        directories.GetOrAdd(oid, o => new Lazy<Directory?>(() => Read(o), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private Directory? Read(string oid)
    {
        if (!System.IO.Directory.Exists(nsiFolder))
        {
            return null;
        }

        var prefix = oid + "_";
        var best = System.IO.Directory.EnumerateFiles(nsiFolder, prefix + "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.EndsWith(".passport.json", StringComparison.Ordinal))
            .Select(f => (File: f, Version: f[prefix.Length..^".json".Length]))
            .OrderByDescending(f => ParseVersion(f.Version))
            .FirstOrDefault();
        if (best.File is null)
        {
            return null;
        }

        var name = oid;
        string? primary = null;
        string? value = null;
        var passportPath = Path.Combine(nsiFolder, prefix + best.Version + ".passport.json");
        if (File.Exists(passportPath))
        {
            using var passport = JsonDocument.Parse(File.ReadAllBytes(passportPath));
            var root = passport.RootElement;
            if (root.TryGetProperty("fullName", out var fullName) && fullName.ValueKind == JsonValueKind.String)
            {
                name = fullName.GetString()!;
            }

            if (root.TryGetProperty("keys", out var keys) && keys.ValueKind == JsonValueKind.Array)
            {
                foreach (var key in keys.EnumerateArray())
                {
                    var type = key.GetProperty("type").GetString();
                    var field = key.GetProperty("field").GetString();
                    if (type == "PRIMARY") primary = field;
                    if (type == "VALUE") value = field;
                }
            }
        }

        var (codeColumn, displayColumn) = Columns.TryGetValue(oid, out var known) ? known : (primary ?? "ID", value ?? "NAME");
        var rows = new Dictionary<string, NsiEntry>(StringComparer.Ordinal);
        using (var data = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(nsiFolder, best.File))))
        {
            foreach (var row in data.RootElement.EnumerateArray())
            {
                var columns = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var property in row.EnumerateObject())
                {
                    columns[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                }

                if (columns.GetValueOrDefault(codeColumn) is { Length: > 0 } code)
                {
                    rows.TryAdd(code, new NsiEntry(oid, name, best.Version, code, columns.GetValueOrDefault(displayColumn) ?? code, columns));
                }
            }
        }

        return new Directory(name, best.Version, rows);
    }

    private static Version ParseVersion(string version) =>
        System.Version.TryParse(version.Contains('.', StringComparison.Ordinal) ? version : version + ".0", out var parsed)
            ? parsed
            : new Version(0, 0);

    private sealed record Directory(string Name, string Version, Dictionary<string, NsiEntry> Rows);
}
