using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON certificate of no contact with infectious patients (<c>Schemas/mis/nocontactcertificate.schema.json</c>) → FHIR R4 document
/// Bundle (profile <c>Schemas/fhir/nocontactcertificate-80.md</c>), which <c>NoContactCertificateFhirToSemdTranslator</c> turns into SEMD 80.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class NoContactCertificateJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly NoContactCertificateJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public NoContactCertificateJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new NoContactCertificateJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => NoContactCertificateBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
