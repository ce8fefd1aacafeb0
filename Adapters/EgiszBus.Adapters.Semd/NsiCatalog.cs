using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// FNSI directory snapshots read from <c>{referenceData}/nsi/{OID}_{version}.json</c> (+ <c>.passport.json</c>), loaded lazily per
/// OID and indexed by code. A folder may hold several versions of one directory: an undated catalog answers from the newest
/// version, a view made by <see cref="On(DateOnly)"/> answers from the version in force on a document date — the newest one whose passport
/// <c>publishDate</c> is on or before that date (REMD checks codes against the version the document could have used). A document
/// older than every snapshot is checked against the oldest one (<see cref="SnapshotOf"/> tells which). Thread-safe; keep one
/// instance per reference-data folder and make dated views per document (cheap: they share the loaded snapshots).
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
    };

    private readonly string nsiFolder;
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<NsiSnapshot>>> directories;

    /// <summary>Creates a catalog over <paramref name="referenceDataRoot"/> (the folder that holds <c>nsi/</c>).</summary>
    public NsiCatalog(string referenceDataRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceDataRoot);
        nsiFolder = Path.Combine(referenceDataRoot, "nsi");
        directories = new ConcurrentDictionary<string, Lazy<IReadOnlyList<NsiSnapshot>>>(StringComparer.Ordinal);
    }

    private NsiCatalog(NsiCatalog source, DateOnly date)
    {
        nsiFolder = source.nsiFolder;
        directories = source.directories;
        AsOf = date;
    }

    /// <summary>The document date this view answers for, or null for the undated catalog (newest versions).</summary>
    public DateOnly? AsOf { get; }

    /// <summary>A view of the same snapshots that answers from the versions in force on <paramref name="date"/>.</summary>
    public NsiCatalog On(DateOnly date) => new(this, date);

    /// <summary><see cref="On(DateOnly)"/> for a known date; this catalog itself when <paramref name="date"/> is null.</summary>
    public NsiCatalog On(DateOnly? date) => date is { } d ? On(d) : this;

    /// <summary>True when a snapshot of <paramref name="oid"/> exists.</summary>
    public bool HasDirectory(string oid) => Load(oid).Count > 0;

    /// <summary>The row with <paramref name="code"/> in directory <paramref name="oid"/>, or null (unknown code or no snapshot).</summary>
    public NsiEntry? Find(string oid, string? code) =>
        code is not null && SnapshotOf(oid) is { } snapshot && snapshot.Rows.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>The version of <paramref name="oid"/> this view answers from, or null.</summary>
    public string? VersionOf(string oid) => SnapshotOf(oid)?.Version;

    /// <summary>The full name of directory <paramref name="oid"/>, or null.</summary>
    public string? NameOf(string oid) => SnapshotOf(oid)?.Name;

    /// <summary>
    /// The snapshot of <paramref name="oid"/> this view answers from: the newest one, or for a dated view the newest one
    /// published on or before <see cref="AsOf"/> (the oldest one when all were published later); null without a snapshot.
    /// </summary>
    public NsiSnapshot? SnapshotOf(string oid)
    {
        var versions = Load(oid);
        if (versions.Count == 0)
        {
            return null;
        }

        if (AsOf is not { } date)
        {
            return versions[^1];
        }

        for (var i = versions.Count - 1; i >= 0; i--)
        {
            if (versions[i].PublishedOn is not { } published || published <= date)
            {
                return versions[i];
            }
        }

        return versions[0];
    }

    /// <summary>The snapshot of version <paramref name="version"/> of <paramref name="oid"/>, or null when the folder lacks it.</summary>
    public NsiSnapshot? Snapshot(string oid, string version) =>
        Load(oid).FirstOrDefault(s => string.Equals(s.Version, version, StringComparison.Ordinal));

    /// <summary>
    /// Names the snapshot this view checks <paramref name="oid"/> against, for messages: <c>1.2.643.5.1.13.13.11.1358 v3.23</c>, and for a
    /// dated view <c>… v3.22 (действует на 10.01.2024)</c>.
    /// </summary>
    public string Describe(string oid) =>
        SnapshotOf(oid) is not { } snapshot ? oid
        : AsOf is { } date ? $"{oid} v{snapshot.Version} (действует на {date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)})"
        : $"{oid} v{snapshot.Version}";

    /// <summary>All snapshots of <paramref name="oid"/> in the folder, oldest version first.</summary>
    public IReadOnlyList<NsiSnapshot> Versions(string oid) => Load(oid);

    private IReadOnlyList<NsiSnapshot> Load(string oid) =>
        directories.GetOrAdd(oid, o => new Lazy<IReadOnlyList<NsiSnapshot>>(() => Read(o), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private IReadOnlyList<NsiSnapshot> Read(string oid)
    {
        if (!System.IO.Directory.Exists(nsiFolder))
        {
            return [];
        }

        var prefix = oid + "_";
        return System.IO.Directory.EnumerateFiles(nsiFolder, prefix + "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => !f.EndsWith(".passport.json", StringComparison.Ordinal))
            .Select(f => f[prefix.Length..^".json".Length])
            .Where(v => v.Length > 0 && !v.Contains('_', StringComparison.Ordinal))
            .OrderBy(ParseVersion)
            .Select(v => ReadSnapshot(oid, v))
            .ToList();
    }

    private NsiSnapshot ReadSnapshot(string oid, string version)
    {
        var prefix = oid + "_" + version;
        var name = oid;
        DateOnly? published = null;
        string? primary = null;
        string? value = null;
        var passportPath = Path.Combine(nsiFolder, prefix + ".passport.json");
        if (File.Exists(passportPath))
        {
            using var passport = JsonDocument.Parse(File.ReadAllBytes(passportPath));
            var root = passport.RootElement;
            if (root.TryGetProperty("fullName", out var fullName) && fullName.ValueKind == JsonValueKind.String)
            {
                name = fullName.GetString()!;
            }

            if (root.TryGetProperty("publishDate", out var publishDate) && publishDate.ValueKind == JsonValueKind.String)
            {
                published = ParsePublishDate(publishDate.GetString());
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
        using (var data = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(nsiFolder, prefix + ".json"))))
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
                    rows.TryAdd(code, new NsiEntry(oid, name, version, code, columns.GetValueOrDefault(displayColumn) ?? code, columns));
                }
            }
        }

        return new NsiSnapshot(oid, version, name, published, rows);
    }

    // FNSI passports write "13.02.2024 15:21" (Moscow time); the date part is what "in force on a date" compares.
    private static DateOnly? ParsePublishDate(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static Version ParseVersion(string version) =>
        System.Version.TryParse(version.Contains('.', StringComparison.Ordinal) ? version : version + ".0", out var parsed)
            ? parsed
            : new Version(0, 0);
}
