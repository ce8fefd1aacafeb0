using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a doctor's consultation into SEMD kind 119
/// («Протокол консультации (CDA) Редакция 4», templateId 1.2.643.5.1.13.2.7.5.1.5.9.4, CDA code 1522 «5»).
/// The header is written by the same code as every kind (<see cref="SemdHeaderRenderer"/>); the body holds the sections
/// the 119 rules require: DOCINFO (diagnosis code, kind of visit), COMPLNTS, ANAM, LANAM, RESCONS with DGN and REGIME.
/// Pure and deterministic. Profile: <c>Schemas/fhir/consultation-119.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "119").
/// </summary>
public sealed class ConsultationFhirToSemdTranslator : IFhirToSemdTranslator
{
    internal const string IcdSystem = "1.2.643.5.1.13.13.11.1005";
    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";

    // 1.2.643.5.1.13.13.99.2.166 («Кодируемые поля CDA документов») is not among the snapshots; values as in the official examples.
    private static readonly CdaCode FieldDiagnosisCode = Field("809", "Шифр по МКБ-10");
    private static readonly CdaCode FieldText = Field("7006", "Текстовое описание");
    private static readonly CdaCode FieldExamination = Field("805", "Результаты осмотра");
    private static readonly CdaCode FieldConclusion = Field("806", "Заключение консультации");
    private static readonly CdaCode FieldRecommendations = Field("807", "Рекомендации");

    // 1.2.643.5.1.13.13.99.2.724 is not among the snapshots; «Полис ОМС» as in the official examples.
    private static readonly CdaCode BasisOmsPolicy = new("1", "1.2.643.5.1.13.13.99.2.724", "Типы документов оснований", "1.1", "Полис ОМС");

    private static readonly string[] RequiredSections = ["DOCINFO", "ANAM", "LANAM", "RESCONS"];

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public ConsultationFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "119";

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

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        var header = reader.Read();
        if (reader.Composition is not null && reader.Kind is not null && reader.Kind != Kind)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 119 справочника 1.2.643.5.1.13.13.11.1520", "Bundle.entry[0].resource.type");
        }

        if (header is null || reader.Composition is not { } composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        const string cp = "Bundle.entry[0].resource";
        if (header.Encounter is not { } encounter || encounter.Ids.Count != 2 || encounter.Code is null || encounter.Low is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.encounter → Encounter обязателен: identifier случая (urn:oid:<корень МИС>.15) и карты (….16/.17), type (1.2.643.5.1.13.13.99.2.723), period.start",
                cp + ".encounter");
        }
        else
        {
            header = header with { Encounter = encounter with { DocType = header.Code } };
        }

        var payment = Payment(bundle, reader, header.Patient);
        var body = new Body(reader, composition);
        var sections = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (sections is null || payment is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // The 119 rules accept day precision or minutes with a zone, not seconds.
        header = header with
        {
            EffectiveTime = Minutes(header.EffectiveTime),
            ServiceEvent = header.ServiceEvent is { } e ? e with { Low = Minutes(e.Low), High = Minutes(e.High) } : null,
            Encounter = header.Encounter is { } en ? en with { Low = Minutes(en.Low), High = Minutes(en.High) } : null,
        };
        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: w => payment(w, Typed));
        return new SemdTranslation(true, CdaHeaderWriter.Document(header, w => body.Write(w, sections), style), facts, problems);
    }

    private static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    /// <summary>The source of payment (<c>participant typeCode="IND"</c>) from the Bundle's Coverage and the patient's OMS policy.</summary>
    private static readonly CdaStyle Typed = new(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null);

    private static Action<XmlWriter, CdaStyle>? Payment(Bundle bundle, FhirHeaderReader reader, CdaPatient patient)
    {
        var index = bundle.Entry.FindIndex(e => e.Resource is Coverage);
        if (index < 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Coverage (источник оплаты: type 1.2.643.5.1.13.13.11.1039, payor → страховая организация) обязателен", "Bundle.entry");
            return null;
        }

        var coverage = (Coverage)bundle.Entry[index].Resource!;
        var p = $"Bundle.entry[{index}].resource";
        var typeCoding = coverage.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:1.2.643.5.1.13.13.11.1039");
        var type = typeCoding is null || string.IsNullOrEmpty(typeCoding.Display) || string.IsNullOrEmpty(typeCoding.Version)
            ? null : reader.Code(typeCoding, p + ".type");
        if (type is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Coverage.type: coding urn:oid:1.2.643.5.1.13.13.11.1039 с code, display и version обязателен", p + ".type");
        }

        Organization? payor = null;
        string? payorCode = null;
        if (coverage.Payor.Count == 0 || reader.Resolve(coverage.Payor[0], p + ".payor[0]") is not { Resource: Organization o })
        {
            reader.Problem(TranslationErrorCodes.UnresolvedReference, "Coverage.payor[0] должен ссылаться на Organization (страховая организация)", p + ".payor");
        }
        else
        {
            payor = o;
            payorCode = o.Identifier.FirstOrDefault(i => i.System == "urn:oid:1.2.643.5.1.13.13.99.2.183")?.Value;
            if (payorCode is null || string.IsNullOrWhiteSpace(o.Name))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Страховая организация: identifier urn:oid:1.2.643.5.1.13.13.99.2.183 и name обязательны", p + ".payor[0]");
            }
        }

        if (patient.Policy is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Patient.identifier с полисом ОМС (type 1.2.643.5.1.13.13.11.1035) обязателен при оплате по ОМС", "Bundle.entry[0].resource.subject");
        }

        var telecoms = payor?.Telecom.Select(FhirHeaderReader.Telecom).OfType<CdaTelecom>().ToList() ?? [];
        var address = payor?.Address.Count > 0 ? reader.Address(payor.Address[0], p + ".payor[0].address[0]") : null;
        if (payor is not null && (telecoms.Count == 0 || address is null))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Страховая организация: telecom и address обязательны", p + ".payor[0]");
        }

        var inn = payor?.Identifier.FirstOrDefault(i => i.System == "https://fhir.ru/ig/core/systems/inn")?.Value;
        var from = CdaTime.ToTs(coverage.Period?.Start);
        var to = CdaTime.ToTs(coverage.Period?.End);
        if (type is null || payor is null || payorCode is null || patient.Policy is not { } policy || telecoms.Count == 0 || address is null)
        {
            return null;
        }

        return (w, style) =>
        {
            w.WriteStartElement("participant");
            w.WriteAttributeString("typeCode", "IND");
            w.WriteStartElement("associatedEntity");
            w.WriteAttributeString("classCode", "GUAR");
            CdaHeaderWriter.Coded(w, "code", type);
            w.WriteStartElement("DocInfo", CdaHeaderWriter.Identity);
            TypedCoded(w, "IdentityDocType", BasisOmsPolicy);
            TypedCoded(w, "InsurancePolicyType", policy.Type);
            TypedText(w, "Series", policy.Series);
            TypedText(w, "Number", policy.Number);
            TypedText(w, "INN", inn, "NI");
            w.WriteStartElement("effectiveTime", CdaHeaderWriter.Identity);
            if (from is null)
            {
                w.WriteAttributeString("nullFlavor", "NAV");
            }
            else
            {
                TypedTime(w, "low", from[..8]);
                TypedTime(w, "high", to?[..8]);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("scopingOrganization");
            CdaHeaderWriter.Empty(w, "id", ("root", "1.2.643.5.1.13.13.99.2.183"), ("extension", payorCode));
            CdaHeaderWriter.Text(w, "name", payor.Name!);
            CdaHeaderWriter.ContactOf(w, style, telecoms, address);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        };
    }

    private static void TypedCoded(XmlWriter w, string name, CdaCode value)
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
        CdaHeaderWriter.CodedAttributes(w, value);
        w.WriteEndElement();
    }

    private static void TypedTime(XmlWriter w, string name, string? value)
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "TS");
        if (value is null)
        {
            w.WriteAttributeString("nullFlavor", "NAV");
        }
        else
        {
            w.WriteAttributeString("value", value);
        }

        w.WriteEndElement();
    }

    private static void TypedText(XmlWriter w, string name, string? value, string nullFlavor = "NA")
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        if (string.IsNullOrEmpty(value))
        {
            w.WriteAttributeString("nullFlavor", nullFlavor);
        }
        else
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "ST");
            w.WriteString(value);
        }

        w.WriteEndElement();
    }

    private static CdaCode Field(string code, string display) => new(code, FieldSystem, "Кодируемые поля CDA документов", "5.27", display);

    /// <summary>Reads and writes the 119 body.</summary>
    private sealed class Body(FhirHeaderReader reader, Composition composition)
    {
        private const string C = "Bundle.entry[0].resource";
        private readonly List<(CdaCode Field, CdaCode Value)> docInfo = [];
        private readonly List<(CdaCode Field, CdaCode Value)> results = [];
        private CdaCode? diagnosis;
        private string? conclusion;

        public IReadOnlyList<(CdaSection Section, int Index)>? Read()
        {
            var sections = new List<(CdaSection, int)>();
            for (var i = 0; i < composition.Section.Count; i++)
            {
                if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is { } s)
                {
                    sections.Add((s, i));
                }
            }

            foreach (var code in RequiredSections.Where(code => sections.All(s => s.Item1.Code.Code != code)))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            }

            if (sections.FirstOrDefault(s => s.Item1.Code.Code == "DOCINFO") is { Item1: not null } info)
            {
                ReadCoded(composition.Section[info.Item2], $"{C}.section[{info.Item2}]", docInfo);
                foreach (var (field, name) in new[] { ("800", "«Обращение» (значение 1.2.643.5.1.13.13.11.1007)"), ("801", "«Место проведения» (значение 1.2.643.5.1.13.13.11.1008)") })
                {
                    if (!docInfo.Any(x => x.Field.Code == field))
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, $"DOCINFO: Observation {name}, код {field} справочника 1.2.643.5.1.13.13.99.2.166, обязателен", $"{C}.section[{info.Item2}].entry");
                    }
                }
            }

            var rescons = sections.FirstOrDefault(s => s.Item1.Code.Code == "RESCONS");
            if (rescons.Item1 is not null)
            {
                var fhir = composition.Section[rescons.Item2];
                ReadCoded(fhir, $"{C}.section[{rescons.Item2}]", results);
                if (!results.Any(x => x.Field.Code == "804"))
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, "RESCONS: Observation «Состояние пациента» (код 804 справочника 1.2.643.5.1.13.13.99.2.166, значение 1.2.643.5.1.13.13.11.1006) обязателен", $"{C}.section[{rescons.Item2}].entry");
                }

                var dgn = fhir.Section.FindIndex(s => s.Code?.Coding.Any(x => x.Code == "DGN") == true);
                if (dgn < 0)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, "RESCONS должен содержать вложенную секцию DGN с Condition (диагноз МКБ-10)", $"{C}.section[{rescons.Item2}].section");
                }
                else
                {
                    ReadDiagnosis(fhir.Section[dgn], $"{C}.section[{rescons.Item2}].section[{dgn}]");
                }
            }

            return diagnosis is null ? null : sections;
        }

        private void ReadCoded(Composition.SectionComponent section, string path, List<(CdaCode Field, CdaCode Value)> into)
        {
            for (var e = 0; e < section.Entry.Count; e++)
            {
                var p = $"{path}.entry[{e}]";
                if (reader.Resolve(section.Entry[e], p) is not { Resource: Observation observation } target)
                {
                    reader.Problem(TranslationErrorCodes.UnresolvedReference, "section.entry должен ссылаться на Observation", p);
                    continue;
                }

                var op = $"Bundle.entry[{target.Index}].resource";
                var field = observation.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + FieldSystem);
                var value = (observation.Value as CodeableConcept)?.Coding.FirstOrDefault();
                if (field is null || value is null || string.IsNullOrEmpty(field.Display) || string.IsNullOrEmpty(field.Version)
                    || string.IsNullOrEmpty(value.Display) || string.IsNullOrEmpty(value.Version))
                {
                    reader.Problem(TranslationErrorCodes.MissingElement,
                        "Observation: code (urn:oid:1.2.643.5.1.13.13.99.2.166) и valueCodeableConcept с code, display и version обязательны", op);
                    continue;
                }

                if (reader.Code(field, op + ".code") is { } f && reader.Code(value, op + ".value") is { } v)
                {
                    into.Add((f, v));
                }
            }
        }

        private void ReadDiagnosis(Composition.SectionComponent section, string path)
        {
            var index = section.Entry.Select((r, i) => (r, i)).FirstOrDefault(x => reader.Resolve(x.r, $"{path}.entry[{x.i}]") is { Resource: Condition });
            if (index.r is null || reader.Resolve(index.r, $"{path}.entry[{index.i}]") is not { Resource: Condition condition } target)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Секция DGN должна ссылаться на Condition (основной диагноз)", path + ".entry");
                return;
            }

            var cp = $"Bundle.entry[{target.Index}].resource";
            var coding = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + IcdSystem);
            if (coding is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", cp + ".code");
                return;
            }

            diagnosis = reader.Code(coding, cp + ".code");
            conclusion = condition.Note.FirstOrDefault()?.Text ?? condition.Code!.Text ?? diagnosis?.Display;
        }

        public void Write(XmlWriter w, IReadOnlyList<(CdaSection Section, int Index)> sections)
        {
            foreach (var (section, _) in sections)
            {
                Action<XmlWriter>? entries = section.Code.Code switch
                {
                    "DOCINFO" => x =>
                    {
                        Observation(x, FieldDiagnosisCode, v => Cd(v, diagnosis!));
                        foreach (var (field, value) in docInfo)
                        {
                            Observation(x, field, v => Cd(v, value));
                        }
                    },
                    "ANAM" or "LANAM" => x => Observation(x, FieldText, v => St(v, Plain(section))),
                    "RESCONS" => x =>
                    {
                        foreach (var (field, value) in results)
                        {
                            Observation(x, field, v => Cd(v, value));
                        }

                        Observation(x, FieldExamination, v => St(v, Plain(section)));
                        Observation(x, FieldConclusion, v => St(v, conclusion ?? diagnosis!.Display ?? diagnosis!.Code));
                    },
                    _ => null,
                };
                CdaHeaderWriter.Section(w, section, entries, nested => nested.Code.Code switch
                {
                    "DGN" => x => Observation(x, FieldConclusion, v => St(v, conclusion ?? diagnosis!.Display ?? diagnosis!.Code)),
                    "REGIME" => x => Observation(x, FieldRecommendations, v => St(v, Plain(nested))),
                    _ => null,
                });
            }
        }

        private static string Plain(CdaSection section)
        {
            var text = section.Text?.Value.Trim();
            return string.IsNullOrEmpty(text) ? section.Title : text;
        }

        private static void Observation(XmlWriter w, CdaCode code, Action<XmlWriter> value)
        {
            w.WriteStartElement("entry");
            w.WriteStartElement("observation");
            w.WriteAttributeString("classCode", "OBS");
            w.WriteAttributeString("moodCode", "EVN");
            CdaHeaderWriter.Coded(w, "code", code);
            w.WriteStartElement("value");
            value(w);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        private static void Cd(XmlWriter w, CdaCode value)
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
            CdaHeaderWriter.CodedAttributes(w, value);
        }

        private static void St(XmlWriter w, string text)
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "ST");
            w.WriteString(text);
        }
    }
}
