using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The registry of MIS → FHIR translators: every MIS JSON format (one per kind) and the CSV exports (186 laboratory,
/// 148 prescriptions), looked up by format (<c>json</c>, <c>csv</c>) and SEMD kind.
/// </summary>
public sealed class MisTranslators
{
    /// <summary>The JSON format name.</summary>
    public const string Json = "json";

    /// <summary>The CSV format name.</summary>
    public const string Csv = "csv";

    private readonly Dictionary<(string Format, string Kind), IMisToFhirTranslator> translators = [];

    /// <summary>Creates every translator over <paramref name="profile"/> (what the MIS formats do not carry).</summary>
    public MisTranslators(MisProfile profile, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Add(Json, "119", new ConsultationJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "147", new DischargeSummaryJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "122", new DispanserizationJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "83", new SportsClearanceJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "80", new NoContactCertificateJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "121", new MseReferralJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "174", new InstrumentalJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "141", new PreferentialPrescriptionJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "148", new PrescriptionJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "186", new LaboratoryJsonToFhirTranslator(profile, time).Translate);
        Add(Json, "43", new HospitalisationReferralJsonToFhirTranslator(profile, time).Translate);
        Add(Csv, "186", new LaboratoryCsvToFhirTranslator(profile, time).Translate);
        Add(Csv, "148", new PrescriptionCsvToFhirTranslator(profile, time).Translate);
        Supported = translators.Keys.OrderBy(k => k.Format, StringComparer.Ordinal).ThenBy(k => int.Parse(k.Kind, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>Every (format, kind) pair there is a translator for, ordered by format, then kind.</summary>
    public IReadOnlyCollection<(string Format, string Kind)> Supported { get; }

    /// <summary>The translator of <paramref name="format"/> (<c>json</c>, <c>csv</c>) for <paramref name="kind"/>, or null.</summary>
    public IMisToFhirTranslator? For(string format, string kind) => translators.GetValueOrDefault((format, kind));

    private void Add(string format, string kind, Func<ReadOnlyMemory<byte>, MisReadResult<Bundle>> translate) =>
        translators[(format, kind)] = new Adapter(kind, format, translate);

    private sealed class Adapter(string kind, string format, Func<ReadOnlyMemory<byte>, MisReadResult<Bundle>> translate) : IMisToFhirTranslator
    {
        public string Kind => kind;

        public string Format => format;

        public MisReadResult<Bundle> Translate(ReadOnlyMemory<byte> input) => translate(input);
    }
}
