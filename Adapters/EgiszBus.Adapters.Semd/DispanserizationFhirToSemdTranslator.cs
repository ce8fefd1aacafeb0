using System.Xml;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle with the results of a dispanserization or preventive medical examination into SEMD kind 122
/// («Сведения о результатах диспансеризации или профилактического медицинского осмотра (CDA) Редакция 2»,
/// templateId 1.2.643.5.1.13.13.14.141.9.2, CDA code 1522 «141»). The header is the common one (<see cref="CdaHeaderWriter"/>);
/// the patient address also carries <c>address:residentCode</c> (1.2.643.5.1.13.13.11.1042). The body holds the sections the 122 rules
/// require: MEDEXAMINFO (health group 6020 → 99.2.766, status of dispensary observation 6021 → 1047) and DGN (diagnoses 838 with status 1077 and ICD-10).
/// Pure and deterministic. Profile: <c>Schemas/fhir/dispanserization-122.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/> (Kind = "122").
/// </summary>
public sealed class DispanserizationFhirToSemdTranslator : IFhirToSemdTranslator
{
    internal const string TemplateId = "1.2.643.5.1.13.13.14.141.9.2";
    internal const string TypeCode = "141";
    internal const string HealthGroupSystem = "1.2.643.5.1.13.13.99.2.766";
    internal const string DispensaryStatusSystem = "1.2.643.5.1.13.13.11.1047";

    // UNVERIFIED codes (directories not among the snapshots), see also DispanserizationCda.UnverifiedDirectoryNames.
    private static readonly CdaCode FieldDiagnosis = new("838", DispanserizationCda.FieldSystem, "Кодируемые поля CDA документов", "5.27", "Диагноз");
    private static readonly CdaCode StatusMain = new("1", "1.2.643.5.1.13.13.11.1077", "Виды нозологических единиц диагноза", "1.2", "Основное заболевание");
    private static readonly CdaCode StatusOther = new("3", "1.2.643.5.1.13.13.11.1077", "Виды нозологических единиц диагноза", "1.2", "Сопутствующее заболевание");

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public DispanserizationFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "122";

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
        var (reader, header) = DispanserizationCda.ReadHeader(bundle, nsi, problems, Kind, TemplateId, TypeCode);
        if (header is null || reader.Composition is not { } composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var resident = Resident(composition, reader);
        var body = new Body(reader, composition);
        var ok = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (!ok || resident is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null);
        var semd = CdaHeaderWriter.Document(header, body.Write, style);
        semd = DispanserizationCda.Edit(semd, root =>
        {
            foreach (var addr in root.Element(DispanserizationCda.V3("recordTarget"))!.Element(DispanserizationCda.V3("patientRole"))!.Elements(DispanserizationCda.V3("addr")))
            {
                var after = addr.Element(XName.Get("stateCode", CdaHeaderWriter.AddressNs)) ?? addr.Elements().First();
                after.AddAfterSelf(new XElement(XName.Get("residentCode", CdaHeaderWriter.AddressNs),
                    new XAttribute(XName.Get("type", CdaHeaderWriter.Xsi), "CD"),
                    new XAttribute("code", resident.Code), new XAttribute("codeSystem", resident.System),
                    new XAttribute("codeSystemName", resident.SystemName!), new XAttribute("codeSystemVersion", resident.Version!),
                    new XAttribute("displayName", resident.Display!)));
            }
        });
        return new SemdTranslation(true, semd, facts, problems);
    }

    /// <summary>The city/village sign of the patient (extension <see cref="DispanserizationCda.ResidentExtension"/> of the first address).</summary>
    private static CdaCode? Resident(Composition composition, FhirHeaderReader reader)
    {
        if (reader.Resolve(composition.Subject, "Bundle.entry[0].resource.subject") is not { Resource: Patient patient } target || patient.Address.Count == 0)
        {
            return null;
        }

        var path = $"Bundle.entry[{target.Index}].resource.address[0]";
        var coding = (patient.Address[0].GetExtension(DispanserizationCda.ResidentExtension)?.Value as CodeableConcept)?.Coding
            .FirstOrDefault(x => x.System == "urn:oid:" + DispanserizationCda.ResidentSystem);
        if (coding is null || string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version))
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                $"Patient.address[0].extension {DispanserizationCda.ResidentExtension}: valueCodeableConcept urn:oid:1.2.643.5.1.13.13.11.1042 (житель города/села) с code, display и version обязателен",
                path + ".extension");
            return null;
        }

        return reader.Code(coding, path + ".extension") is { } code ? DispanserizationCda.Named(code) : null;
    }

    /// <summary>Reads and writes the 122 body.</summary>
    private sealed class Body(FhirHeaderReader reader, Composition composition)
    {
        private const string C = "Bundle.entry[0].resource";
        private readonly List<DispanserizationField> examination = [];
        private readonly List<(CdaCode Code, string? Text)> diagnoses = [];
        private CdaSection? medExamInfo;
        private CdaSection? dgn;

        public bool Read()
        {
            for (var i = 0; i < composition.Section.Count; i++)
            {
                var path = $"{C}.section[{i}]";
                if (reader.Section(composition.Section[i], path) is not { } section)
                {
                    continue;
                }

                switch (section.Code.Code)
                {
                    case "MEDEXAMINFO":
                        medExamInfo = section;
                        ReadExamination(composition.Section[i], path);
                        break;
                    case "DGN":
                        dgn = section;
                        ReadDiagnoses(composition.Section[i], path);
                        break;
                    default:
                        reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {section.Code.Code} не поддерживается для вида 122 (допустимы MEDEXAMINFO и DGN)", path + ".code");
                        break;
                }
            }

            if (medExamInfo is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Composition.section с кодом MEDEXAMINFO (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            }

            if (dgn is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Composition.section с кодом DGN (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            }

            return medExamInfo is not null && dgn is not null && diagnoses.Count > 0
                && examination.Any(f => f.Field.Code == "6020") && examination.Any(f => f.Field.Code == "6021");
        }

        private void ReadExamination(Composition.SectionComponent section, string path)
        {
            for (var e = 0; e < section.Entry.Count; e++)
            {
                if (DispanserizationCda.ReadField(reader, section.Entry[e], $"{path}.entry[{e}]") is not { } field)
                {
                    continue;
                }

                var system = field.Field.Code switch { "6020" => HealthGroupSystem, "6021" => DispensaryStatusSystem, _ => null };
                if (system is null || field.Coded is null || field.Coded.System != system)
                {
                    reader.Problem(TranslationErrorCodes.InvalidValue,
                        "MEDEXAMINFO: допустимы Observation 6020 (значение 1.2.643.5.1.13.13.99.2.766) и 6021 (значение 1.2.643.5.1.13.13.11.1047)", field.Path);
                    continue;
                }

                examination.Add(field);
            }

            foreach (var (code, what) in new[] { ("6020", "«Группа здоровья» (значение 1.2.643.5.1.13.13.99.2.766)"), ("6021", "«Статус диспансерного наблюдения» (значение 1.2.643.5.1.13.13.11.1047)") })
            {
                if (!examination.Any(f => f.Field.Code == code))
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"MEDEXAMINFO: Observation {what}, код {code} справочника 1.2.643.5.1.13.13.99.2.166, обязателен", path + ".entry");
                }
            }
        }

        private void ReadDiagnoses(Composition.SectionComponent section, string path)
        {
            for (var e = 0; e < section.Entry.Count; e++)
            {
                var p = $"{path}.entry[{e}]";
                if (reader.Resolve(section.Entry[e], p) is not { Resource: Condition condition } target)
                {
                    reader.Problem(TranslationErrorCodes.UnresolvedReference, "Секция DGN должна ссылаться на Condition", p);
                    continue;
                }

                var cp = $"Bundle.entry[{target.Index}].resource";
                var coding = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + ConsultationFhirToSemdTranslator.IcdSystem);
                if (coding is null)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", cp + ".code");
                    continue;
                }

                if (reader.Code(coding, cp + ".code") is { } code)
                {
                    diagnoses.Add((code, condition.Note.FirstOrDefault()?.Text ?? condition.Code!.Text));
                }
            }

            if (section.Entry.Count == 0)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Секция DGN должна ссылаться хотя бы на один Condition (диагноз МКБ-10)", path + ".entry");
            }
        }

        public void Write(XmlWriter w)
        {
            CdaHeaderWriter.Section(w, medExamInfo!, x =>
            {
                foreach (var field in examination.OrderBy(f => f.Field.Code, StringComparer.Ordinal))
                {
                    DispanserizationCda.Observation(x, field.Field, null, v => CdaValue.Cd(v, field.Coded!));
                }
            });
            CdaHeaderWriter.Section(w, dgn!, x =>
            {
                for (var i = 0; i < diagnoses.Count; i++)
                {
                    var (code, text) = diagnoses[i];
                    var status = i == 0 ? StatusMain : StatusOther;
                    DispanserizationCda.Observation(x, FieldDiagnosis, null, null, after =>
                    {
                        after.WriteStartElement("entryRelationship");
                        after.WriteAttributeString("typeCode", "COMP");
                        after.WriteStartElement("observation");
                        after.WriteAttributeString("classCode", "OBS");
                        after.WriteAttributeString("moodCode", "EVN");
                        CdaHeaderWriter.Coded(after, "code", status);
                        if (!string.IsNullOrWhiteSpace(text))
                        {
                            CdaHeaderWriter.Text(after, "text", text);
                        }

                        after.WriteStartElement("value");
                        CdaValue.Cd(after, code);
                        after.WriteEndElement();
                        after.WriteEndElement();
                        after.WriteEndElement();
                    });
                }
            });
        }
    }
}
