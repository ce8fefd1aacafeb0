using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON consultation protocol (<c>Schemas/mis/consultation.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/consultation-119.md</c>), which <c>ConsultationFhirToSemdTranslator</c> turns into SEMD 119.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class ConsultationJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly ConsultationJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public ConsultationJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new ConsultationJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => ConsultationBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
