using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The skeleton every MIS document Bundle shares: deterministic ids (UUID v5 of the document id and a part name), <c>urn:uuid:</c>
/// full URLs and references, and the document Bundle with its id, identifier (document root + number), type and timestamp.
/// </summary>
internal sealed class MisDocumentBundle
{
    private const string Oid = "urn:oid:";
    private const string UuidPrefix = "urn:uuid:";

    private readonly string baseName;

    /// <summary>Starts the Bundle of document <paramref name="documentNumber"/> under <paramref name="documentRoot"/> (the MIS root + <c>.51</c>).</summary>
    /// <param name="documentRoot">OID of the document ids; the Bundle identifier's system.</param>
    /// <param name="documentNumber">The document number; the Bundle identifier's value.</param>
    /// <param name="timestamp">The Bundle timestamp, or null to leave it to the caller.</param>
    /// <param name="variant">An extra name part that keeps the ids of a second kind built from the same document apart (e.g. <c>148</c>).</param>
    public MisDocumentBundle(string documentRoot, string documentNumber, DateTimeOffset? timestamp = null, string? variant = null)
    {
        baseName = documentRoot + "/" + documentNumber + (variant is null ? string.Empty : "/" + variant);
        Bundle = new Bundle
        {
            Id = MisUuid.Create(baseName).ToString("D"),
            Identifier = new Identifier(Oid + documentRoot, documentNumber),
            Type = Bundle.BundleType.Document,
            Timestamp = timestamp,
        };
    }

    public Bundle Bundle { get; }

    public static string Url(Guid id) => UuidPrefix + id.ToString("D");

    public static ResourceReference Ref(Guid id) => new(Url(id));

    public Guid Id(string part) => MisUuid.Create(baseName + "/" + part);

    /// <summary>Sets the resource id and appends it as an entry with its <c>urn:uuid:</c> full URL.</summary>
    public void Add(Guid id, Resource resource)
    {
        resource.Id = id.ToString("D");
        Bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Url(id), Resource = resource });
    }
}
