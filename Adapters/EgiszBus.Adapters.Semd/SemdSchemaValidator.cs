using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Validates a SEMD against the official XSD of its kind, <c>{referenceData}/semd/{kind}/CDA.xsd</c>.
/// Schemas are read from that local folder only and compiled once per kind; instance documents are read
/// with DTDs prohibited, no resolver and a size limit. Problems carry the code <see cref="ErrorCode"/>.
/// </summary>
public sealed class SemdSchemaValidator
{
    /// <summary>The code of every problem this validator reports.</summary>
    public const string ErrorCode = "SEMD-XSD";

    /// <summary>Largest accepted SEMD, in characters.</summary>
    public const long MaxDocumentCharacters = 32 * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, Lazy<XmlSchemaSet>> Cache = new(StringComparer.Ordinal);
    private readonly string semdFolder;
    private readonly IReadOnlyDictionary<string, string> schemaFolders;

    /// <summary>Creates a validator over <paramref name="referenceDataRoot"/> (the folder that holds <c>semd/</c>).</summary>
    /// <param name="referenceDataRoot">The reference data folder.</param>
    /// <param name="schemaFolders">
    /// Optional kind → schema folder (another kind's folder name or an absolute path) for kinds whose folder under
    /// <c>semd/</c> is missing or holds the wrong rules, until the Ministry's package for that kind is installed.
    /// </param>
    public SemdSchemaValidator(string referenceDataRoot, IReadOnlyDictionary<string, string>? schemaFolders = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(referenceDataRoot);
        semdFolder = Path.GetFullPath(Path.Combine(referenceDataRoot, "semd"));
        this.schemaFolders = schemaFolders ?? new Dictionary<string, string>();
    }

    /// <summary>Validates <paramref name="semd"/> as kind <paramref name="kind"/>; returns all problems (empty when valid).</summary>
    public IReadOnlyList<TranslationProblem> Validate(string kind, ReadOnlyMemory<byte> semd)
    {
        if (string.IsNullOrEmpty(kind) || !kind.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("kind must be a 1520 code such as 186", nameof(kind));
        }

        var folderOfKind = Path.Combine(semdFolder, schemaFolders.GetValueOrDefault(kind) ?? kind);
        var schemas = Cache.GetOrAdd(folderOfKind, folder => new Lazy<XmlSchemaSet>(() => Load(folder))).Value;
        var problems = new List<TranslationProblem>();
        var path = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentCharacters,
            ValidationType = ValidationType.Schema,
            Schemas = schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) =>
            problems.Add(new TranslationProblem(ErrorCode, e.Message, $"line {e.Exception.LineNumber}, column {e.Exception.LinePosition} (/{string.Join('/', path)})"));
        try
        {
            using var stream = new MemoryStream(semd.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    while (path.Count > reader.Depth)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    path.Add(reader.Name);
                }
            }
        }
        catch (XmlException ex)
        {
            problems.Add(new TranslationProblem(ErrorCode, "Not well-formed XML: " + ex.Message, $"line {ex.LineNumber}, column {ex.LinePosition}"));
        }

        return problems;
    }

    private static XmlSchemaSet Load(string folder)
    {
        var entry = Path.Combine(folder, "CDA.xsd");
        if (!File.Exists(entry))
        {
            throw new FileNotFoundException("No CDA.xsd for this SEMD kind", entry);
        }

        var set = new XmlSchemaSet { XmlResolver = new LocalFolderResolver(folder) };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using (var reader = XmlReader.Create(entry, settings))
        {
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    /// <summary>Resolves schema includes and imports to files inside one folder tree; anything else is refused.</summary>
    private sealed class LocalFolderResolver(string root) : XmlResolver
    {
        private readonly string root = Path.GetFullPath(root) + Path.DirectorySeparatorChar;

        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile || !Path.GetFullPath(absoluteUri.LocalPath).StartsWith(root, StringComparison.Ordinal))
            {
                throw new XmlException("Schema outside the reference-data folder refused: " + absoluteUri);
            }

            return File.OpenRead(absoluteUri.LocalPath);
        }
    }
}
