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
    private static readonly CdaCode FieldExamination = Field("805", "Протокол консультации");
    private static readonly CdaCode FieldConclusion = Field("806", "Заключение консультации");
    private static readonly CdaCode FieldRecommendations = Field("807", "Рекомендации");

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

        var payment = PaymentSource.Read(bundle, reader, header.Patient, PaymentOptions);
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
        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: payment);
        return new SemdTranslation(true, CdaHeaderWriter.Document(header, w => body.Write(w, sections), style), facts, problems);
    }

    private static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    /// <summary>The 119 source of payment: typed identity texts only when they carry a value.</summary>
    private static readonly PaymentSourceOptions PaymentOptions =
        new(new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null), TypedNullTexts: false, TypedNullInn: false);

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
                        CdaValue.Observation(x, FieldDiagnosisCode, v => CdaValue.Cd(v, diagnosis!));
                        foreach (var (field, value) in docInfo)
                        {
                            CdaValue.Observation(x, field, v => CdaValue.Cd(v, value));
                        }
                    },
                    "ANAM" or "LANAM" => x => CdaValue.Observation(x, FieldText, v => CdaValue.St(v, Plain(section))),
                    "RESCONS" => x =>
                    {
                        foreach (var (field, value) in results)
                        {
                            CdaValue.Observation(x, field, v => CdaValue.Cd(v, value));
                        }

                        CdaValue.Observation(x, FieldExamination, v => CdaValue.St(v, Plain(section)));
                        CdaValue.Observation(x, FieldConclusion, v => CdaValue.St(v, conclusion ?? diagnosis!.Display ?? diagnosis!.Code));
                    },
                    _ => null,
                };
                CdaHeaderWriter.Section(w, section, entries, nested => nested.Code.Code switch
                {
                    "DGN" => x => CdaValue.Observation(x, FieldConclusion, v => CdaValue.St(v, conclusion ?? diagnosis!.Display ?? diagnosis!.Code)),
                    "REGIME" => x => CdaValue.Observation(x, FieldRecommendations, v => CdaValue.St(v, Plain(nested))),
                    _ => null,
                });
            }
        }

        private static string Plain(CdaSection section)
        {
            var text = section.Text?.Value.Trim();
            return string.IsNullOrEmpty(text) ? section.Title : text;
        }
    }
}
