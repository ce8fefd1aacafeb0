using System.Globalization;
using System.Xml;
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
public sealed partial class PrescriptionFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 148 revision 2.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.86.9.2";

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1522 code of the CDA <c>code</c> («Рецепт 107-1/у»).</summary>
    public const string DocumentTypeCode = "86";

    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    internal const string ValiditySystem = "1.2.643.5.1.13.13.99.2.608";
    internal const string MedicationSystem = "1.2.643.5.1.13.13.99.2.611";
    internal const string RouteSystem = "1.2.643.5.1.13.13.11.1468";
    internal const string UnitSystem = "1.2.643.5.1.13.13.11.1358";

    // ---- UNVERIFIED: directories the 148 rules require that are not among the FNSI snapshots in shared/data/nsi. ----
    // Names (codeSystemName) of the directories whose values the MIS sends (code, display and version come from the Bundle),
    // and the 1.2.643.5.1.13.13.99.2.166 field codes of the 148 body (display and version as in the official 119 example's table).
    private static readonly IReadOnlyDictionary<string, string> UnverifiedDirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ValiditySystem] = "Сроки действия рецепта",
        [MedicationSystem] = "Лекарственные препараты (ЕСКЛП)",
        [RouteSystem] = "Пути введения лекарственных препаратов, в том числе для льготного обеспечения граждан лекарственными средствами",
    };

    private static readonly CdaCode FieldValidity = Field("6004", "Срок действия рецепта");
    private static readonly CdaCode FieldCommission = Field("6006", "Назначение по решению врачебной комиссии");
    private static readonly CdaCode FieldQuantity = Field("6011", "Количество единиц лекарственного препарата");
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
    }

    /// <inheritdoc/>
    public string Kind => "148";

    /// <inheritdoc/>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson)
    {
        var problems = new List<TranslationProblem>();
        return FhirBundleParser.Parse(fhirJson, problems) is { } bundle ? Translate(bundle, problems) : new SemdTranslation(false, null, null, problems);
    }

    /// <summary>Translates a parsed document Bundle.</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle original, List<TranslationProblem> problems)
    {
        var bundle = HeaderView(original, out var kind);
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        if (bundle.Entry.FirstOrDefault()?.Resource is Composition && kind != Kind)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 148 справочника 1.2.643.5.1.13.13.11.1520", "Bundle.entry[0].resource.type");
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
        var facts = HeaderFacts.Of(Kind, header, original, nsi, reader);
        if (!ok || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // Kind 148 has no componentOf; its serviceEvent holds only code and effectiveTime/@value (written here, after legalAuthenticator);
        // times at day precision or minutes with a zone.
        var serviceEvent = header.ServiceEvent!;
        var eventTime = Minutes(serviceEvent.Low ?? serviceEvent.High ?? header.EffectiveTime);
        header = header with
        {
            TemplateId = TemplateId,
            Encounter = null,
            ServiceEvent = null,
            EffectiveTime = Minutes(header.EffectiveTime),
        };
        var style = new CdaStyle(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: w => DocumentationOf(w, serviceEvent.Code!, eventTime));
        return new SemdTranslation(true, WithOgrnip(CdaHeaderWriter.Document(header, body.Write, style)), facts, problems);
    }

    private static void DocumentationOf(XmlWriter w, CdaCode code, string? time)
    {
        w.WriteStartElement("documentationOf", CdaHeaderWriter.Hl7);
        w.WriteStartElement("serviceEvent", CdaHeaderWriter.Hl7);
        CdaHeaderWriter.Coded(w, "code", code);
        CdaHeaderWriter.Time(w, "effectiveTime", time, "NI");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The 148 rules want <c>identity:Ogrnip</c> beside every <c>identity:Ogrn</c> (null for an organisation); the shared header writes only Ogrn.</summary>
    private static byte[] WithOgrnip(byte[] semd)
    {
        var text = System.Text.Encoding.UTF8.GetString(semd);
        text = OgrnLine().Replace(text, m => m.Value + m.Groups["indent"].Value + "<identity:Ogrnip nullFlavor=\"NA\" />\n");
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?m)^(?<indent>[ ]*)<identity:Ogrn>[^<\n]*</identity:Ogrn>\n", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex OgrnLine();

    /// <summary>
    /// The Bundle the shared header reader sees: when the shared kind table does not list 148 yet, a copy whose Composition.type
    /// carries a listed kind with the 1522 code «86», so that the header is read by the same code; the template is set afterwards.
    /// </summary>
    private static Bundle HeaderView(Bundle bundle, out string? kind)
    {
        kind = null;
        if (bundle.Entry.FirstOrDefault()?.Resource is not Composition composition)
        {
            return bundle;
        }

        kind = composition.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        var hasType = composition.Type?.Coding.Any(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem) == true;
        if (kind != "148" || (SemdKinds.ByKind("148") is not null && hasType))
        {
            return bundle;
        }

        var copy = (Bundle)bundle.DeepCopy()!;
        var type = ((Composition)copy.Entry[0].Resource!).Type!;
        var host = SemdKinds.ByKind("148")?.Kind ?? "119";
        type.Coding.First(x => x.System == "urn:oid:" + SemdKinds.KindSystem).Code = host;
        if (!hasType)
        {
            type.Coding.Add(new Coding("urn:oid:" + SemdKinds.DocTypeSystem, DocumentTypeCode));
        }

        return copy;
    }

    private static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    private static CdaCode Field(string code, string display) => new(code, FieldSystem, "Кодируемые поля CDA документов", "5.27", display);

    /// <summary>A coded value: from the snapshot when the directory is held (unknown code = TRN-011), else as sent (code, display, version required).</summary>
    internal CdaCode? Code(FhirHeaderReader reader, IEnumerable<Coding>? codings, string system, string path, string what)
    {
        var coding = codings?.FirstOrDefault(x => x.System == "urn:oid:" + system);
        if (coding is null || string.IsNullOrEmpty(coding.Code))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"{what}: coding urn:oid:{system} обязателен", path);
            return null;
        }

        if (nsi.HasDirectory(system))
        {
            return reader.Code(coding, path);
        }

        if (string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"{what}: coding urn:oid:{system} с code, display и version обязателен", path);
            return null;
        }

        return new CdaCode(coding.Code, system, UnverifiedDirectoryNames.GetValueOrDefault(system), coding.Version, coding.Display);
    }

    /// <summary>A unit of 1.2.643.5.1.13.13.11.1358 by code (unknown = TRN-011) with its UCUM code for the <c>unit</c> attribute.</summary>
    internal (CdaCode Code, string Ucum)? Unit(FhirHeaderReader reader, string? code, string path)
    {
        if (string.IsNullOrEmpty(code))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Единица измерения (code справочника urn:oid:{UnitSystem}) обязательна", path);
            return null;
        }

        if (nsi.Find(UnitSystem, code) is not { } entry)
        {
            reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {code} отсутствует в справочнике {UnitSystem}", path);
            return null;
        }

        var ucum = entry.Columns.GetValueOrDefault("UCUM");
        return (new CdaCode(entry.Code, UnitSystem, entry.DirectoryName, entry.Version, entry.Display), string.IsNullOrWhiteSpace(ucum) ? "1" : ucum.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    internal static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    internal static CdaCode FieldOfValidity => FieldValidity;

    internal static CdaCode FieldOfCommission => FieldCommission;

    internal static CdaCode FieldOfQuantity => FieldQuantity;

    internal static string? PeriodUnitCode(string? ucum) => ucum is not null && PeriodUnits.TryGetValue(ucum, out var code) ? code : null;
}
