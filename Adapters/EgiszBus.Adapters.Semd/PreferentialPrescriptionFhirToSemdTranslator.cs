using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a preferential prescription into SEMD kind 141
/// («Льготный рецепт на лекарственный препарат, изделие медицинского назначения и специализированный продукт лечебного питания (CDA)
/// Редакция 4», templateId 1.2.643.5.1.13.13.14.37.9.4, CDA code 1522 «37»).
/// The header is written by the shared header code (<see cref="CdaHeaderWriter"/>) with documentationOf (event 58/59/60) and componentOf
/// (the encounter); the body holds DOCINFO (series 6001, number 6002, validity 6004, medical commission 6006, flag 11001, optional form 6000,
/// diagnosis 809), BENEFITS (category 811, source of financing 6009, percentage paid 6010) and RECIPE with one
/// <c>substanceAdministration</c> (validity codes 1, 2, 4 — a medicinal product).
/// Pure and deterministic. Profile: <c>Schemas/fhir/preferentialprescription-141.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "141").
/// </summary>
public sealed class PreferentialPrescriptionFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 141 revision 4.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.37.9.4";

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1522 code of the CDA <c>code</c>.</summary>
    public const string DocumentTypeCode = "37";

    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    internal const string IcdSystem = "1.2.643.5.1.13.13.11.1005";
    internal const string UnitSystem = "1.2.643.5.1.13.13.11.1358";
    internal const string ValiditySystem = "1.2.643.5.1.13.13.99.2.608";
    internal const string FormSystem = "1.2.643.5.1.13.13.99.2.609";
    internal const string BenefitSystem = "1.2.643.5.1.13.13.99.2.541";
    internal const string FinancingSystem = "1.2.643.5.1.13.13.99.2.605";
    internal const string MedicationSystem = "1.2.643.5.1.13.13.99.2.611";
    internal const string InnSystem = "1.2.643.5.1.13.13.99.2.603";
    internal const string DeviceSystem = "1.2.643.5.1.13.13.99.2.604";
    internal const string RouteSystem = "1.2.643.5.1.13.13.11.1468";

    // ---- UNVERIFIED: directories the 141 rules require that are not among the FNSI snapshots in shared/data/nsi. ----
    // codeSystemName of each directory whose values the MIS sends (code, display and version come from the Bundle as sent),
    // and the 1.2.643.5.1.13.13.99.2.166 field the translator writes itself (display and version as in the other kinds' tables).
    private static readonly IReadOnlyDictionary<string, string> UnverifiedDirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FieldSystem] = "Кодируемые поля CDA документов",
        [ValiditySystem] = "Срок действия рецепта",
        [FormSystem] = "Формы рецептурных бланков",
        [BenefitSystem] = "Льготные категории граждан",
        [FinancingSystem] = "Виды предоставляемых льгот",
        [MedicationSystem] = "Узлы СМНН. ЕСКЛП",
        [InnSystem] = "Международные непатентованные наименования лекарственных препаратов",
        [DeviceSystem] = "Медицинские изделия и специализированные продукты лечебного питания",
        [RouteSystem] = "Пути введения лекарственных препаратов, в том числе для льготного обеспечения граждан лекарственными средствами",
    };

    private static readonly CdaCode FieldDiagnosisCode = new("809", FieldSystem, UnverifiedDirectoryNames[FieldSystem], "5.27", "Шифр по МКБ-10");
    private static readonly CdaCode FieldQuantity = new("6011", FieldSystem, UnverifiedDirectoryNames[FieldSystem], "5.27", "Количество назначенных доз");
    // ---- end of the unverified table ----

    /// <summary>Event codes (1.2.643.5.1.13.13.99.2.726) of the 141 template: medicinal product, nutrition, medical device.</summary>
    private static readonly string[] EventCodes = ["58", "59", "60"];

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public PreferentialPrescriptionFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
        Coding = new PrescriptionCoding(UnverifiedDirectoryNames);
    }

    /// <summary>Coded values and units of the body (FNSI snapshot or the unverified directory table).</summary>
    internal PrescriptionCoding Coding { get; }

    /// <inheritdoc/>
    public string Kind => "141";

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
        const string cp = "Bundle.entry[0].resource";
        if (PrescriptionCda.DeclaresOtherKind(bundle, Kind, reader))
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var header = reader.Read();
        if (header is null || reader.Composition is not { } composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        if (header.ServiceEvent?.Code is not { } eventCode || !EventCodes.Contains(eventCode.Code) || (header.ServiceEvent.Low ?? header.ServiceEvent.High) is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.event[0]: code 58, 59 или 60 справочника 1.2.643.5.1.13.13.99.2.726 («Формирование рецепта на …») и period обязательны", cp + ".event");
        }

        if (header.Encounter is not { } encounter || encounter.Ids.Count != 2 || encounter.Low is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.encounter → Encounter обязателен: identifier случая (urn:oid:<корень МИС>.15) и карты (….16/.17), period.start", cp + ".encounter");
        }

        var body = new PreferentialPrescriptionBody(this, reader, composition);
        var ok = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (!ok || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // The 141 serviceEvent holds only code and effectiveTime/@value (no performer; written here, after legalAuthenticator);
        // componentOf without medService:DocType; times at day precision or minutes with a zone.
        var serviceEvent = header.ServiceEvent!;
        var eventTime = PrescriptionCda.Minutes(serviceEvent.Low ?? serviceEvent.High);
        header = header with
        {
            TemplateId = TemplateId,
            EffectiveTime = PrescriptionCda.Minutes(header.EffectiveTime),
            ServiceEvent = null,
            Encounter = header.Encounter is { } en ? en with { Low = PrescriptionCda.Minutes(en.Low), High = PrescriptionCda.Minutes(en.High), DocType = null } : null,
        };
        return new SemdTranslation(true, PrescriptionCda.Document(header, body.Write, serviceEvent.Code!, eventTime), facts, problems);
    }

    internal static CdaCode FieldOfDiagnosis => FieldDiagnosisCode;

    internal static CdaCode FieldOfQuantity => FieldQuantity;
}
