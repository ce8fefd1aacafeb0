using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON dispanserization / preventive examination results (<c>Schemas/mis/dispanserization.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/dispanserization-122.md</c>), which <c>DispanserizationFhirToSemdTranslator</c> turns into SEMD 122.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class DispanserizationJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly DispanserizationJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public DispanserizationJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new DispanserizationJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => DispanserizationBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
