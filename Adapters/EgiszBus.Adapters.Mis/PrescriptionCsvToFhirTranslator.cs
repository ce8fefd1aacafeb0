using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Prescriptions CSV export (<c>Schemas/mis/prescriptions-csv.md</c>) → one FHIR R4 document Bundle of kind 148 per prescription
/// (profile <c>Schemas/fhir/prescription-148.md</c>), which <c>PrescriptionFhirToSemdTranslator</c> turns into SEMD 148.
/// Bad prescriptions yield problems; the others translate.
/// </summary>
public sealed class PrescriptionCsvToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly PrescriptionCsvReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the export does not carry.</summary>
    public PrescriptionCsvToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new PrescriptionCsvReader(profile, time);
    }

    /// <summary>Translates CSV bytes (UTF-8 with or without BOM, or Windows-1251).</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> csv) => ToBundles(reader.Read(csv));

    /// <summary>Translates a CSV stream (read to the end).</summary>
    public MisReadResult<Bundle> Translate(Stream csv) => ToBundles(reader.Read(csv));

    private MisReadResult<Bundle> ToBundles(MisReadResult<PrescriptionMisDocument> read) =>
        new(read.Documents.Select(d => PrescriptionBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
}
