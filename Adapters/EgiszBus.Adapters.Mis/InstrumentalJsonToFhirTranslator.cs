using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON instrumental study protocol (<c>Schemas/mis/instrumental.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/instrumental-174.md</c>), which <c>InstrumentalFhirToSemdTranslator</c> turns into SEMD 174.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class InstrumentalJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly InstrumentalJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public InstrumentalJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new InstrumentalJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => InstrumentalBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
