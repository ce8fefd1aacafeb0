using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON referral to hospitalisation, rehabilitation, examination or consultation (<c>Schemas/mis/hospitalisationreferral.schema.json</c>)
/// → FHIR R4 document Bundle (profile <c>Schemas/fhir/hospitalisationreferral-43.md</c>), which
/// <c>HospitalisationReferralFhirToSemdTranslator</c> turns into SEMD 43. Problems are located by JSON path. Deterministic.
/// </summary>
public sealed class HospitalisationReferralJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly HospitalisationReferralJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public HospitalisationReferralJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new HospitalisationReferralJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(
            read.Documents.Select(d => HospitalisationReferralBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
