using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON preferential prescription (<c>Schemas/mis/preferentialprescription.schema.json</c>) → FHIR R4 document Bundle of kind 141
/// (profile <c>Schemas/fhir/preferentialprescription-141.md</c>). Problems are located by JSON path.
/// </summary>
public sealed class PreferentialPrescriptionJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly PreferentialPrescriptionJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public PreferentialPrescriptionJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new PreferentialPrescriptionJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        var bundles = read.Documents.Select(d => PreferentialPrescriptionBundleBuilder.Build(d, profile.Find(d.Prescription.OrganizationOid)!)).ToList();
        return new MisReadResult<Bundle>(bundles, read.Problems);
    }
}
