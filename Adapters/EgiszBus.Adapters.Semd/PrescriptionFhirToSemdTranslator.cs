using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a prescription into SEMD kind 148
/// («Рецепт на лекарственный препарат (CDA) Редакция 2», templateId 1.2.643.5.1.13.13.14.86.9.2, CDA code 1522 «86»).
/// The header is written by the shared header code (<see cref="CdaHeaderWriter"/>); the body holds DOCINFO (validity of the
/// prescription 6004, medical commission flag 6006) and RECIPE with one <c>substanceAdministration</c> per MedicationRequest (1…3).
/// Pure and deterministic. Profile: <c>Schemas/fhir/prescription-148.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "148").
/// </summary>
public sealed class PrescriptionFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 148 revision 2.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.86.9.2";

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1522 code of the CDA <c>code</c> («Рецепт 107-1/у»).</summary>
    public const string DocumentTypeCode = "86";

    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    internal const string ValiditySystem = "1.2.643.5.1.13.13.99.2.608";
    internal const string MedicationSystem = "1.2.643.5.1.13.13.99.2.611";
    internal const string RouteSystem = "1.2.643.5.1.13.13.11.1468";

    // ---- UNVERIFIED: directories the 148 rules require that are not among the FNSI snapshots in shared/data/nsi. ----
    // Names (codeSystemName) of the directories whose values the MIS sends (code, display and version come from the Bundle),
    // and the 1.2.643.5.1.13.13.99.2.166 field codes of the 148 body (display and version as in the official 119 example's table).
    private static readonly IReadOnlyDictionary<string, string> UnverifiedDirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ValiditySystem] = "Срок действия рецепта",
        [MedicationSystem] = "Узлы СМНН. ЕСКЛП",
        [RouteSystem] = "Пути введения лекарственных препаратов, в том числе для льготного обеспечения граждан лекарственными средствами",
    };

    private static readonly CdaCode FieldValidity = Field("6004", "Срок действия рецепта");
    private static readonly CdaCode FieldCommission = Field("6006", "По специальному назначению (Отметка)");
    private static readonly CdaCode FieldQuantity = Field("6011", "Количество назначенных доз");
    // ---- end of the unverified table ----

    private static readonly Dictionary<string, string> PeriodUnits = new(StringComparer.Ordinal)
    {
        ["min"] = "22",
        ["h"] = "23",
        ["d"] = "24",
        ["wk"] = "520",
    };

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public PrescriptionFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
        Coding = new PrescriptionCoding(UnverifiedDirectoryNames);
    }

    /// <summary>Coded values and units of the body (FNSI snapshot or the unverified directory table).</summary>
    internal PrescriptionCoding Coding { get; }

    /// <inheritdoc/>
    public string Kind => "148";

    /// <inheritdoc/>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson) => FhirBundleParser.Translate(fhirJson, Translate);

    /// <summary>Translates a parsed document Bundle.</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        // Codes are checked against the FNSI versions in force on the document date (Composition.date).
        var nsi = this.nsi.On(FhirDocumentDate.Of(bundle));
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        if (PrescriptionCda.DeclaresOtherKind(bundle, Kind, reader))
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var header = reader.Read();
        if (header is null || reader.Composition is not { } composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        if (header.ServiceEvent?.Code is not { Code: "58" })
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.event[0].code: код 58 «Формирование рецепта на лекарственный препарат» справочника 1.2.643.5.1.13.13.99.2.726 обязателен",
                "Bundle.entry[0].resource.event");
        }

        var body = new PrescriptionBody(this, reader, composition);
        var ok = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (!ok || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // Kind 148 has no componentOf; its serviceEvent holds only code and effectiveTime/@value (written here, after legalAuthenticator);
        // times at day precision or minutes with a zone.
        var serviceEvent = header.ServiceEvent!;
        var eventTime = PrescriptionCda.Minutes(serviceEvent.Low ?? serviceEvent.High ?? header.EffectiveTime);
        header = header with
        {
            TemplateId = TemplateId,
            Encounter = null,
            ServiceEvent = null,
            EffectiveTime = PrescriptionCda.Minutes(header.EffectiveTime),
        };
        return new SemdTranslation(true, PrescriptionCda.Document(header, body.Write, serviceEvent.Code!, eventTime), facts, problems);
    }

    private static CdaCode Field(string code, string display) => new(code, FieldSystem, "Кодируемые поля CDA документов", "5.27", display);

    internal static CdaCode FieldOfValidity => FieldValidity;

    internal static CdaCode FieldOfCommission => FieldCommission;

    internal static CdaCode FieldOfQuantity => FieldQuantity;

    internal static string? PeriodUnitCode(string? ucum) => ucum is not null && PeriodUnits.TryGetValue(ucum, out var code) ? code : null;
}
