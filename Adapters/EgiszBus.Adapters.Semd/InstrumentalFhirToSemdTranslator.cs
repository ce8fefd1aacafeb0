using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of an instrumental study into SEMD kind 174
/// («Протокол инструментального исследования (CDA) Редакция 4», templateId 1.2.643.5.1.13.13.14.6.9.4, CDA code 1522 «6»).
/// The header is written by the shared header code; <c>documentationOf</c> (service event «3», form, type and conditions of care,
/// performers) is written by this translator. The body holds the sections the 174 rules require: DOCINFO (kind of visit, place,
/// referral diagnosis, the study performed — 1.2.643.5.1.13.13.11.1471) and RESINFO (protocol text, conclusion, recommendations).
/// Pure and deterministic. Profile: <c>Schemas/fhir/instrumental-174.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "174").
/// </summary>
public sealed class InstrumentalFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 174 revision 4.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.6.9.4";

    /// <summary>The 1.2.643.5.1.13.13.11.1522 type of kind 174.</summary>
    public const string TypeCode = "6";

    internal const string StudySystem = "1.2.643.5.1.13.13.11.1471";
    internal const string VisitSystem = "1.2.643.5.1.13.13.11.1007";
    internal const string PlaceSystem = "1.2.643.5.1.13.13.11.1008";
    private const string C = "Bundle.entry[0].resource";

    // ---- Unverified values: directories absent from the FNSI snapshots (see the report and Schemas/fhir/instrumental-174.md). ----
    // 1.2.643.5.1.13.13.99.2.166 «Кодируемые поля CDA документов» 5.27: 800/801 as in the official consultation example; the
    // displays of 838, 8024, 1805, 1806 are taken from the 174 rules' structure, not from the directory.
    private static readonly CdaCode FieldVisit = Field("800", "Обращение");
    private static readonly CdaCode FieldPlace = Field("801", "Место проведения");
    private static readonly CdaCode FieldReferralDiagnosis = Field("838", "Диагноз");
    private static readonly CdaCode FieldProtocol = Field("8024", "Номер протокола инструментального исследования");
    private static readonly CdaCode FieldDescription = Field("1805", "Протокол инструментального исследования");
    private static readonly CdaCode FieldConclusion = Field("1806", "Заключение инструментального исследования");
    private static readonly CdaCode FieldRecommendations = Field("807", "Рекомендации");

    // Forms, kinds and conditions of care (1551, 1034, 99.2.322): the values of the 186 writer (official examples).
    private static readonly CdaCode ServiceForm = new("1", "1.2.643.5.1.13.13.11.1551", "Формы оказания медицинской помощи", "1.1", "плановая");
    private static readonly CdaCode ServiceType = new("2", "1.2.643.5.1.13.13.11.1034", "Виды медицинской помощи", "4.2", "Первичная врачебная медико-санитарная помощь");
    private static readonly CdaCode ServiceCond = new("2", "1.2.643.5.1.13.13.99.2.322", "Условия оказания медицинской помощи", "2.1", "Амбулаторно, в том числе на дому при вызове медицинского работника");

    // Names of directories whose codes the Bundle must send with display and version (no snapshot).
    private static readonly Dictionary<string, string> UnheldDirectoryNames = new(StringComparer.Ordinal)
    {
        [StudySystem] = "Федеральный справочник инструментальных диагностических исследований",
        [VisitSystem] = "Вид случая госпитализации или обращения (первичный, повторный)",
        [PlaceSystem] = "Место оказания медицинской помощи",
    };
    // ---- End of unverified values. ----

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public InstrumentalFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "174";

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
        var (reader, header) = InstrumentalKindHeader.Read(bundle, nsi, problems, Kind, TemplateId, TypeCode);
        if (header is null || bundle.Entry.FirstOrDefault()?.Resource is not Composition composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        if (header.ServiceEvent is not { } serviceEvent || serviceEvent.Code?.Code != "3" || serviceEvent.Low is null || serviceEvent.Performers.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.event[0] обязателен: code 3 «Инструментальное исследование» (1.2.643.5.1.13.13.99.2.726), period.start, detail → PractitionerRole исполнителя",
                C + ".event");
        }

        var body = new Body(reader, composition, nsi);
        var ok = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (!ok || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        var service = header.ServiceEvent!;
        // componentOf is optional in 174 and the shared writer types medService:DocType (xsi:type), which the 174 XSD refuses.
        header = header with { ServiceEvent = null, Encounter = null };
        var style = new CdaStyle(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: w => DocumentationOf(w, service));
        return new SemdTranslation(true, CdaHeaderWriter.Document(header, body.Write, style), facts, problems);
    }

    private static void DocumentationOf(XmlWriter w, CdaServiceEvent e)
    {
        w.WriteStartElement("documentationOf");
        w.WriteStartElement("serviceEvent");
        CdaHeaderWriter.Coded(w, "code", e.Code!);
        w.WriteStartElement("effectiveTime");
        CdaHeaderWriter.Empty(w, "low", ("value", e.Low!));
        if (e.High is not null)
        {
            CdaHeaderWriter.Empty(w, "high", ("value", e.High));
        }

        w.WriteEndElement();
        Typed(w, "serviceForm", ServiceForm);
        Typed(w, "serviceType", ServiceType);
        Typed(w, "serviceCond", ServiceCond);
        foreach (var p in e.Performers)
        {
            w.WriteStartElement("performer");
            w.WriteAttributeString("typeCode", p.TypeCode);
            w.WriteStartElement("assignedEntity");
            var s = p.Staff;
            if (s.LocalIdRoot is not null && s.LocalId is not null)
            {
                CdaHeaderWriter.Empty(w, "id", ("root", s.LocalIdRoot), ("extension", s.LocalId));
            }
            else
            {
                CdaHeaderWriter.Empty(w, "id", ("nullFlavor", "NI"));
            }

            if (s.Snils is not null)
            {
                CdaHeaderWriter.Empty(w, "id", ("root", "1.2.643.100.3"), ("extension", s.Snils));
            }

            CdaHeaderWriter.Coded(w, "code", s.Position!);
            w.WriteStartElement("assignedPerson");
            w.WriteStartElement("name");
            CdaHeaderWriter.Text(w, "family", s.Name!.Family);
            CdaHeaderWriter.Text(w, "given", s.Name.Given);
            if (s.Name.Patronymic is not null)
            {
                w.WriteElementString("Patronymic", CdaHeaderWriter.Identity, s.Name.Patronymic);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Typed(XmlWriter w, string name, CdaCode value)
    {
        w.WriteStartElement(name, CdaHeaderWriter.MedService);
        CdaHeaderWriter.CodedAttributes(w, value);
        w.WriteEndElement();
    }

    private static CdaCode Field(string code, string display) => new(code, "1.2.643.5.1.13.13.99.2.166", "Кодируемые поля CDA документов", "5.27", display);

    /// <summary>Reads and writes the 174 body.</summary>
    private sealed class Body(FhirHeaderReader reader, Composition composition, NsiCatalog nsi)
    {
        private CdaSection? docInfo;
        private CdaSection? resInfo;
        private CdaCode? visit;
        private CdaCode? place;
        private CdaCode? diagnosis;
        private CdaCode? study;
        private string? studyStart;
        private string? studyEnd;
        private string? description;
        private string? conclusion;
        private string? recommendations;

        public bool Read()
        {
            int docIndex = -1, resIndex = -1;
            for (var i = 0; i < composition.Section.Count; i++)
            {
                if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is not { } s)
                {
                    continue;
                }

                if (s.Code.Code == "DOCINFO")
                {
                    (docInfo, docIndex) = (s, i);
                }
                else if (s.Code.Code == "RESINFO")
                {
                    (resInfo, resIndex) = (s, i);
                }
            }

            foreach (var (section, code) in new[] { (docInfo, "DOCINFO"), (resInfo, "RESINFO") })
            {
                if (section is null)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
                }
            }

            if (docInfo is not null)
            {
                ReadDocInfo(composition.Section[docIndex], $"{C}.section[{docIndex}]");
            }

            if (resInfo is not null)
            {
                ReadResInfo(composition.Section[resIndex], $"{C}.section[{resIndex}]");
            }

            return docInfo is not null && resInfo is not null && visit is not null && place is not null && study is not null
                && description is not null && conclusion is not null;
        }

        private void ReadDocInfo(Composition.SectionComponent section, string path)
        {
            var procedureSeen = false;
            for (var e = 0; e < section.Entry.Count; e++)
            {
                var p = $"{path}.entry[{e}]";
                if (reader.Resolve(section.Entry[e], p) is not { } target)
                {
                    continue;
                }

                var rp = $"Bundle.entry[{target.Index}].resource";
                switch (target.Resource)
                {
                    case Observation o when Coding(o.Code, "urn:oid:1.2.643.5.1.13.13.99.2.166") is { Code: "800" }:
                        visit = Unheld((o.Value as CodeableConcept)?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + VisitSystem), rp + ".value");
                        break;
                    case Observation o when Coding(o.Code, "urn:oid:1.2.643.5.1.13.13.99.2.166") is { Code: "801" }:
                        place = Unheld((o.Value as CodeableConcept)?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + PlaceSystem), rp + ".value");
                        break;
                    case Condition c:
                        if (Coding(c.Code, "urn:oid:" + ConsultationFhirToSemdTranslator.IcdSystem) is not { } icd)
                        {
                            reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", rp + ".code");
                        }
                        else
                        {
                            diagnosis = reader.Code(icd, rp + ".code");
                        }

                        break;
                    case Procedure pr:
                        procedureSeen = true;
                        ReadStudy(pr, rp);
                        break;
                    default:
                        reader.Problem(TranslationErrorCodes.UnresolvedReference, "DOCINFO.entry: ожидаются Observation (800, 801), Condition (МКБ-10) и Procedure (исследование)", p);
                        break;
                }
            }

            if (visit is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Observation «Обращение» (код 800 справочника 1.2.643.5.1.13.13.99.2.166, значение 1.2.643.5.1.13.13.11.1007 с display и version) обязателен", path + ".entry");
            }

            if (place is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Observation «Место проведения» (код 801 справочника 1.2.643.5.1.13.13.99.2.166, значение 1.2.643.5.1.13.13.11.1008 с display и version) обязателен", path + ".entry");
            }

            if (!procedureSeen)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Procedure (проведённое исследование, code 1.2.643.5.1.13.13.11.1471, performedPeriod.start) обязателен", path + ".entry");
            }
        }

        private void ReadStudy(Procedure procedure, string rp)
        {
            var coding = Coding(procedure.Code, "urn:oid:" + StudySystem);
            if (coding is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Procedure.code с системой urn:oid:1.2.643.5.1.13.13.11.1471 (вид инструментального исследования) обязателен", rp + ".code");
                return;
            }

            var code = Unheld(coding, rp + ".code");
            var period = procedure.Performed as Period;
            var start = CdaTime.ToTs(period?.Start);
            if (start is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Procedure.performedPeriod.start обязателен (дата и время с часовым поясом)", rp + ".performed");
                return;
            }

            (study, studyStart, studyEnd) = (code, start, CdaTime.ToTs(period?.End));
        }

        private void ReadResInfo(Composition.SectionComponent section, string path)
        {
            description = Plain(resInfo!);
            for (var e = 0; e < section.Entry.Count; e++)
            {
                var p = $"{path}.entry[{e}]";
                if (reader.Resolve(section.Entry[e], p) is not { } target)
                {
                    continue;
                }

                var rp = $"Bundle.entry[{target.Index}].resource";
                if (target.Resource is Observation o && Coding(o.Code, "urn:oid:1.2.643.5.1.13.13.99.2.166") is { } field && o.Value is FhirString text
                    && !string.IsNullOrWhiteSpace(text.Value))
                {
                    switch (field.Code)
                    {
                        case "1806":
                            conclusion = text.Value.Trim();
                            continue;
                        case "807":
                            recommendations = text.Value.Trim();
                            continue;
                    }
                }

                reader.Problem(TranslationErrorCodes.InvalidValue,
                    "RESINFO.entry: ожидается Observation с code 1806 (заключение) или 807 (рекомендации) справочника 1.2.643.5.1.13.13.99.2.166 и valueString", rp);
            }

            if (string.IsNullOrWhiteSpace(description))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "RESINFO: section.text (протокол — описание исследования) обязателен", path + ".text");
                description = null;
            }

            if (conclusion is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "RESINFO: Observation «Заключение» (код 1806 справочника 1.2.643.5.1.13.13.99.2.166, valueString) обязателен", path + ".entry");
            }
        }

        private CdaCode? Unheld(Coding? coding, string path)
        {
            if (coding is null || string.IsNullOrEmpty(coding.Code) || string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Coding с system, code, display и version обязателен", path);
                return null;
            }

            var system = coding.System!["urn:oid:".Length..];
            if (nsi.HasDirectory(system))
            {
                return reader.Code(coding, path);
            }

            return new CdaCode(coding.Code, system, UnheldDirectoryNames.GetValueOrDefault(system) ?? SemdKinds.DirectoryNames.GetValueOrDefault(system), coding.Version, coding.Display);
        }

        private static Coding? Coding(CodeableConcept? concept, string system) => concept?.Coding.FirstOrDefault(x => x.System == system);

        public void Write(XmlWriter w)
        {
            CdaHeaderWriter.Section(w, docInfo!, x =>
            {
                CdaValue.Observation(x, FieldVisit, v => CdaValue.Cd(v, visit!));
                CdaValue.Observation(x, FieldPlace, v => CdaValue.Cd(v, place!));
                if (diagnosis is not null)
                {
                    CdaValue.Observation(x, FieldReferralDiagnosis, v => CdaValue.Cd(v, diagnosis));
                }
                else
                {
                    CdaValue.Observation(x, FieldReferralDiagnosis, v =>
                    {
                        v.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
                        v.WriteAttributeString("nullFlavor", "NI");
                    });
                }

                x.WriteStartElement("entry");
                x.WriteStartElement("act");
                x.WriteAttributeString("classCode", "ACT");
                x.WriteAttributeString("moodCode", "EVN");
                CdaHeaderWriter.Coded(x, "code", study!);
                x.WriteStartElement("effectiveTime");
                CdaHeaderWriter.Empty(x, "low", ("value", studyStart!));
                if (studyEnd is not null)
                {
                    CdaHeaderWriter.Empty(x, "high", ("value", studyEnd));
                }

                x.WriteEndElement();
                x.WriteEndElement();
                x.WriteEndElement();
            });
            CdaHeaderWriter.Section(w, resInfo!, x =>
            {
                CdaValue.Observation(x, FieldProtocol, v => CdaValue.St(v, description!));
                CdaValue.Observation(x, FieldDescription, v => CdaValue.St(v, description!));
                CdaValue.Observation(x, FieldConclusion, v => CdaValue.St(v, conclusion!));
                if (recommendations is not null)
                {
                    CdaValue.Observation(x, FieldRecommendations, v => CdaValue.St(v, recommendations));
                }
            });
        }

        private static string Plain(CdaSection section) => section.Text?.Value.Trim() ?? string.Empty;
    }
}
