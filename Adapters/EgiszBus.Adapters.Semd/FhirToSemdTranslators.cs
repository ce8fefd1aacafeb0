using System.Text.Json;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd;

/// <summary>Picks the FHIR → SEMD translator of a document kind (FNSI 1.2.643.5.1.13.13.11.1520 code).</summary>
public sealed class FhirToSemdTranslators
{
    private const string KindDirectory = "1.2.643.5.1.13.13.11.1520";
    private readonly Dictionary<string, IFhirToSemdTranslator> byKind;
    private readonly NsiCatalog? kinds;

    /// <summary>The translators the hub ships: 186 (laboratory study protocol) and 119 (consultation protocol).</summary>
    public FhirToSemdTranslators(NsiCatalog nsi)
        : this(
            new LaboratoryFhirToSemdTranslator(nsi),
            new ConsultationFhirToSemdTranslator(nsi),
            new DispanserizationFhirToSemdTranslator(nsi),
            new SportsClearanceFhirToSemdTranslator(nsi),
            new DischargeSummaryFhirToSemdTranslator(nsi),
            new NoContactCertificateFhirToSemdTranslator(nsi),
            new InstrumentalFhirToSemdTranslator(nsi),
            new MseReferralFhirToSemdTranslator(nsi),
            new PrescriptionFhirToSemdTranslator(nsi),
            new PreferentialPrescriptionFhirToSemdTranslator(nsi),
            new HospitalisationReferralFhirToSemdTranslator(nsi))
    {
        kinds = nsi;
    }

    /// <summary>A registry of the given translators (one per kind; a later one replaces an earlier one of the same kind).</summary>
    public FhirToSemdTranslators(params IFhirToSemdTranslator[] translators)
    {
        byKind = new Dictionary<string, IFhirToSemdTranslator>(StringComparer.Ordinal);
        foreach (var translator in translators)
        {
            byKind[translator.Kind] = translator;
        }
    }

    /// <summary>The kinds that have a translator.</summary>
    public IReadOnlyCollection<string> Kinds => byKind.Keys;

    /// <summary>The translator of <paramref name="kind"/>, or null when the hub does not render that kind.</summary>
    public IFhirToSemdTranslator? For(string kind) => byKind.GetValueOrDefault(kind);

    /// <summary>
    /// The kind a FHIR document Bundle declares: the code of the <c>urn:oid:1.2.643.5.1.13.13.11.1520</c> coding of
    /// the first entry's <c>Composition.type</c>; null when the JSON is not such a Bundle.
    /// </summary>
    public static string? KindOf(ReadOnlyMemory<byte> fhirJson)
    {
        if (FhirBundleParser.ParseJson(fhirJson, []) is not { } root || root["entry"] is not JsonArray entries || entries.Count == 0
            || entries[0]?["resource"] is not JsonObject composition || (string?)composition["resourceType"] is not "Composition"
            || composition["type"]?["coding"] is not JsonArray codings)
        {
            return null;
        }

        foreach (var coding in codings.OfType<JsonObject>())
        {
            if (coding["system"]?.GetValueKind() == JsonValueKind.String && (string?)coding["system"] == "urn:oid:" + SemdKinds.KindSystem
                && coding["code"]?.GetValueKind() == JsonValueKind.String)
            {
                return (string?)coding["code"];
            }
        }

        return null;
    }

    /// <summary>Translates with the translator of the kind the Bundle declares; <c>TRN-006</c> when there is none.</summary>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson)
    {
        var kind = KindOf(fhirJson);
        if (kind is not null && For(kind) is { } translator)
        {
            return CheckValidityWindow(translator.Translate(fhirJson));
        }

        var problems = new List<TranslationProblem>();
        if (FhirBundleParser.ParseJson(fhirJson, problems) is not null)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.WrongDocumentKind,
                $"Вид документа {kind ?? "(нет кода 1.2.643.5.1.13.13.11.1520)"} не поддерживается", "Bundle.entry[0].resource.type"));
        }

        return new SemdTranslation(false, null, null, problems);
    }

    /// <summary>
    /// Refuses a document dated outside its kind's validity window (FNSI 1520 START_DATE/END_DATE, <c>dd.MM.yyyy</c>, of the 1520
    /// version in force on the document date), as REMD would. Without the 1520 snapshot (registry built from translators only) nothing is checked.
    /// </summary>
    private SemdTranslation CheckValidityWindow(SemdTranslation translation)
    {
        if (!translation.Succeeded || translation.Facts is not { } facts
            || kinds?.On(DateOnly.FromDateTime(facts.CreatedAt.Date)).Find(KindDirectory, facts.Kind) is not { } entry)
        {
            return translation;
        }

        var date = DateOnly.FromDateTime(facts.CreatedAt.Date);
        var start = ParseDate(entry.Columns.GetValueOrDefault("START_DATE"));
        var end = ParseDate(entry.Columns.GetValueOrDefault("END_DATE"));
        if ((start is null || date >= start) && (end is null || date <= end))
        {
            return translation;
        }

        var window = $"{start?.ToString("dd.MM.yyyy") ?? "…"} – {end?.ToString("dd.MM.yyyy") ?? "…"}";
        return translation with
        {
            Succeeded = false,
            Semd = null,
            Problems =
            [
                .. translation.Problems,
                new TranslationProblem(TranslationErrorCodes.KindNotInForce,
                    $"Вид документа {facts.Kind} действует {window} (ФНСИ 1.2.643.5.1.13.13.11.1520 v{entry.Version}), дата документа {date:dd.MM.yyyy} вне этого периода",
                    "Bundle.entry[0].resource.date"),
            ],
        };
    }

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;
}
