using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON laboratory document (<c>Schemas/mis/laboratory.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/laboratory-186.md</c>). Problems are located by JSON path.
/// </summary>
public sealed class LaboratoryJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly LaboratoryJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public LaboratoryJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new LaboratoryJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json) => LaboratoryCsvToFhirTranslator.ToBundles(reader.Read(json), profile);
}
