using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// MIS JSON inpatient discharge summary (<c>Schemas/mis/dischargesummary.schema.json</c>) → FHIR R4 document Bundle
/// (profile <c>Schemas/fhir/dischargesummary-147.md</c>), which <c>DischargeSummaryFhirToSemdTranslator</c> turns into SEMD 147.
/// Problems are located by JSON path. Deterministic: the same input gives the same Bundle.
/// </summary>
public sealed class DischargeSummaryJsonToFhirTranslator
{
    private readonly MisProfile profile;
    private readonly DischargeSummaryJsonReader reader;

    /// <summary>Creates a translator; <paramref name="profile"/> supplies what the document does not carry.</summary>
    public DischargeSummaryJsonToFhirTranslator(MisProfile profile, TimeProvider? time = null)
    {
        this.profile = profile ?? throw new ArgumentNullException(nameof(profile));
        reader = new DischargeSummaryJsonReader(profile, time);
    }

    /// <summary>Translates one JSON document; the result holds one Bundle, or none and the problems.</summary>
    public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> json)
    {
        var read = reader.Read(json);
        return new MisReadResult<Bundle>(read.Documents.Select(d => DischargeSummaryBundleBuilder.Build(d, profile.Find(d.OrganizationOid)!)).ToList(), read.Problems);
    }
}
