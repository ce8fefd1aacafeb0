using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Laboratory CSV export → one FHIR R4 document Bundle per document (profile <c>Schemas/fhir/laboratory-186.md</c>), which
/// <c>LaboratoryFhirToSemdTranslator</c> turns into SEMD 186. Bad documents yield problems; the others translate.
/// </summary>
public sealed class LaboratoryCsvToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly LaboratoryCsvReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the export does not carry.</summary>
    public LaboratoryCsvToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new LaboratoryCsvReader(profile, time);
    }

    /// <summary>Translates CSV bytes (UTF-8 with or without BOM, or Windows-1251).</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> csv) => ToBundles(reader.Read(csv), profile);

    /// <summary>Translates a CSV stream (read to the end).</summary>
    public MisReadResult<Bundle> Translate(Stream csv) => ToBundles(reader.Read(csv), profile);

    internal static MisReadResult<Bundle> ToBundles(MisReadResult<MisLaboratoryDocument> read, MisProfile profile) =>
        new(read.Documents.Select(d => LaboratoryBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
}
