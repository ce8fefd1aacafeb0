using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON referral to medical-social expertise (<c>Schemas/mis/msereferral.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/msereferral-121.md</c>). Problems are located by JSON path.
/// </summary>
public sealed class MseReferralJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly MseReferralJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public MseReferralJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new MseReferralJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        var bundles = read.Documents.Select(d => MseReferralBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList();
        return new MisReadResult<Bundle>(bundles, read.Problems);
    }
}
