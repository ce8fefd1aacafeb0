using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON prescription (<c>Schemas/mis/prescription.schema.json</c>) → FHIR R4 document Bundle of kind 148
/// (profile <c>Schemas/fhir/prescription-148.md</c>). Problems are located by JSON path.
/// </summary>
public sealed class PrescriptionJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly PrescriptionJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public PrescriptionJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new PrescriptionJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        var bundles = read.Documents.Select(d => PrescriptionBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList();
        return new MisReadResult<Bundle>(bundles, read.Problems);
    }
}
