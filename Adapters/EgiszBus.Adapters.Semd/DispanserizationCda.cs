using System.Xml;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Shared parts of the kinds 122 (<see cref="DispanserizationFhirToSemdTranslator"/>) and 83 (<see cref="SportsClearanceFhirToSemdTranslator"/>):
/// reading and checking the common header, the table of directories the FNSI snapshots do not hold (UNVERIFIED values),
/// body entry writers and the after-write edits of header parts the shared writer cannot express.
/// </summary>
internal static class DispanserizationCda
{
    public const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";

    /// <summary>Extension of <c>Patient.address</c> with the city/village sign (valueCodeableConcept in 1.2.643.5.1.13.13.11.1042).</summary>
    public const string ResidentExtension = "https://egiszbus.ru/fhir/StructureDefinition/resident-type";

    public const string ResidentSystem = "1.2.643.5.1.13.13.11.1042";

    /// <summary>
    /// UNVERIFIED: names of directories that the FNSI snapshots in <c>shared/data/nsi</c> do not hold and <see cref="SemdKinds.DirectoryNames"/>
    /// does not list (codeSystemName must be non-empty). Values from the official examples' conventions and the FNSI registry titles.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> UnverifiedDirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FieldSystem] = "Кодируемые поля CDA документов",
        ["1.2.643.5.1.13.13.99.2.766"] = "Группы здоровья",
        ["1.2.643.5.1.13.13.11.1047"] = "Статусы диспансерного наблюдения",
        ["1.2.643.5.1.13.13.11.1077"] = "Виды нозологических единиц диагноза",
        [ResidentSystem] = "Вид места жительства",
        ["1.2.643.5.1.13.13.99.2.725"] = "Перечень заключений в медицинских документах",
        ["1.2.643.5.1.13.13.11.1039"] = "Источники оплаты медицинской помощи",
        ["1.2.643.5.1.13.13.99.2.724"] = "Типы документов оснований",
        ["1.2.643.5.1.13.13.99.2.183"] = "Страховые медицинские организации",
    };

    /// <summary>
    /// Reads the common header of kind <paramref name="kind"/> (template <paramref name="templateId"/>, CDA code = 1522 <paramref name="typeCode"/>).
    /// Returns the reader (for problems and references) and the header, or a null header when it cannot be built.
    /// </summary>
    public static (FhirHeaderReader Reader, CdaHeader? Header) ReadHeader(
        Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems, string kind, string templateId, string typeCode)
    {
        const string c = "Bundle.entry[0].resource";
        var declared = (bundle.Entry.FirstOrDefault()?.Resource as Composition)?.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        var header = reader.Read();
        if (reader.Composition is not null && declared != kind && reader.Kind is not null)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind, $"Composition.type должен содержать код {kind} справочника 1.2.643.5.1.13.13.11.1520", c + ".type");
        }

        var code = reader.Code(new Coding("urn:oid:" + SemdKinds.DocTypeSystem, typeCode), c + ".type");
        if (header is null || code is null || declared != kind)
        {
            return (reader, null);
        }

        header = header with { TemplateId = templateId, Code = code, Translations = [] };
        if (header.Encounter is not { } encounter || encounter.Ids.Count != 2 || encounter.Code is null || encounter.Low is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.encounter → Encounter обязателен: identifier случая (urn:oid:<корень МИС>.15) и карты (….16/.17), type (1.2.643.5.1.13.13.99.2.723), period.start",
                c + ".encounter");
        }
        else
        {
            header = header with { Encounter = encounter with { DocType = code } };
        }

        if (header.ServiceEvent is not { Low: not null, High: not null })
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Composition.event[0] с code и period (start и end) обязателен", c + ".event");
        }

        // The rules accept day precision or minutes with a zone, not seconds.
        header = header with
        {
            EffectiveTime = Minutes(header.EffectiveTime),
            LegalTime = Minutes(header.LegalTime),
            ServiceEvent = header.ServiceEvent is { } e ? e with { Low = Minutes(e.Low), High = Minutes(e.High) } : null,
            Encounter = header.Encounter is { } en ? en with { Low = Minutes(en.Low), High = Minutes(en.High) } : null,
        };
        return (reader, Named(header));
    }

    /// <summary>A TS with seconds cut to minutes (<c>yyyyMMddHHmm±zzzz</c>); other forms unchanged.</summary>
    public static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    /// <summary>The code with its directory name filled from <see cref="UnverifiedDirectoryNames"/> when the catalog has none.</summary>
    public static CdaCode Named(CdaCode code) =>
        code.SystemName is null && UnverifiedDirectoryNames.TryGetValue(code.System, out var name) ? code with { SystemName = name } : code;

    private static CdaHeader Named(CdaHeader h) => h with
    {
        Encounter = h.Encounter is { } e ? e with { Code = e.Code is null ? null : Named(e.Code) } : null,
        ServiceEvent = h.ServiceEvent is { } s ? s with { Code = s.Code is null ? null : Named(s.Code) } : null,
    };

    /// <summary>
    /// Reads an Observation entry of a section: field code (99.2.166, code + display + version) and a value
    /// (valueCodeableConcept with code, display and version; valueString; or only effectiveDateTime).
    /// </summary>
    public static DispanserizationField? ReadField(FhirHeaderReader reader, ResourceReference reference, string path)
    {
        if (reader.Resolve(reference, path) is not { Resource: Observation observation } target)
        {
            reader.Problem(TranslationErrorCodes.UnresolvedReference, "section.entry должен ссылаться на Observation", path);
            return null;
        }

        var op = $"Bundle.entry[{target.Index}].resource";
        var field = observation.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + FieldSystem);
        if (field is null || string.IsNullOrEmpty(field.Display) || string.IsNullOrEmpty(field.Version))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Observation.code: coding urn:oid:1.2.643.5.1.13.13.99.2.166 с code, display и version обязателен", op + ".code");
            return null;
        }

        if (reader.Code(field, op + ".code") is not { } f)
        {
            return null;
        }

        CdaCode? coded = null;
        if (observation.Value is CodeableConcept concept)
        {
            var value = concept.Coding.FirstOrDefault();
            if (value is null || string.IsNullOrEmpty(value.Display) || string.IsNullOrEmpty(value.Version))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Observation.valueCodeableConcept: coding с system, code, display и version обязателен", op + ".value");
                return null;
            }

            coded = reader.Code(value, op + ".value");
            if (coded is null)
            {
                return null;
            }
        }

        var text = (observation.Value as FhirString)?.Value;
        var effective = CdaTime.ToTs((observation.Effective as FhirDateTime)?.Value);
        return new DispanserizationField(Named(f), coded is null ? null : Named(coded), text, effective, op);
    }

    /// <summary>Writes <c>entry/observation</c> with a code, an optional effectiveTime and a value written by <paramref name="value"/>.</summary>
    public static void Observation(XmlWriter w, CdaCode code, string? effectiveTime, Action<XmlWriter>? value, Action<XmlWriter>? after = null)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        if (effectiveTime is not null)
        {
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", effectiveTime));
        }

        if (value is not null)
        {
            w.WriteStartElement("value");
            value(w);
            w.WriteEndElement();
        }

        after?.Invoke(w);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// Applies edits to a document the shared writer produced and writes it back with the same settings
    /// (UTF-8 without BOM, LF, two-space indent, final LF). The input is our own output: no DTD, no resolver.
    /// </summary>
    public static byte[] Edit(byte[] semd, Action<XElement> edit)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        XDocument document;
        using (var reader = XmlReader.Create(new MemoryStream(semd), settings))
        {
            document = XDocument.Load(reader);
        }

        edit(document.Root!);
        return CdaXmlOutput.Write(document.Save);
    }

    public static XName V3(string name) => XName.Get(name, CdaHeaderWriter.Hl7);
}
