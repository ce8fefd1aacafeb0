using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON medical clearance for sports (<c>Schemas/mis/sportsclearance.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/sportsclearance-83.md</c>), which <c>SportsClearanceFhirToSemdTranslator</c> turns into SEMD 83.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class SportsClearanceJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly SportsClearanceJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public SportsClearanceJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new SportsClearanceJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => SportsClearanceBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
