using System.Globalization;
using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads and writes the body of SEMD kind 121.</summary>
internal sealed class MseReferralBody(FhirHeaderReader reader, Composition composition, NsiCatalog nsi)
{
    private const string C = "Bundle.entry[0].resource";
    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    internal const string PurposeSystem = "1.2.643.5.1.13.13.99.2.147";
    internal const string VisitSystem = "1.2.643.5.1.13.13.11.1007";
    internal const string CitizenshipSystem = "1.2.643.5.1.13.13.99.2.315";
    internal const string MilitaryDutySystem = "1.2.643.5.1.13.13.99.2.314";
    internal const string CitizenLocationSystem = "1.2.643.5.1.13.13.99.2.856";
    internal const string VitalSystem = "1.2.643.5.1.13.13.99.2.262";
    internal const string PhysicalDevelopmentSystem = "1.2.643.5.1.13.13.11.1492";
    internal const string DiseaseCharacterSystem = "1.2.643.5.1.13.13.99.2.795";
    internal const string DiagnosisStatusSystem = "1.2.643.5.1.13.13.11.1077";
    internal const string IcdSystem = "1.2.643.5.1.13.13.11.1005";
    internal const string ConsentFormSystem = "1.2.643.5.1.13.13.99.2.970";
    internal const string NotificationSystem = "1.2.643.5.1.13.13.99.2.991";

    // ---- Directories the NSI snapshots in shared/data/nsi do not hold: names (passport fullName) and the 1.2.643.5.1.13.13.99.2.166
    // ---- field displays, checked against the public FNSI dumps (see Schemas/fhir/msereferral-121.md; 99.2.166 v5.41, 05.02.2024).
    // ---- Which field sits in which section and which directory codes which element is fixed by the 121 rules (121.sch).
    internal static readonly IReadOnlyDictionary<string, string> UnverifiedDirectoryNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FieldSystem] = "Кодируемые поля CDA документов",
        [PurposeSystem] = "Цели направления на медико-социальную экспертизу",
        [VisitSystem] = "Вид случая госпитализации или обращения (первичный, повторный)",
        [CitizenshipSystem] = "Категории гражданства",
        [MilitaryDutySystem] = "Отношение к воинской обязанности",
        [CitizenLocationSystem] = "Местонахождение граждан для медико-социальной экспертизы",
        [VitalSystem] = "Витальные параметры",
        [PhysicalDevelopmentSystem] = "Типы телосложения",
        [DiseaseCharacterSystem] = "Степень обоснованности диагноза",
        [DiagnosisStatusSystem] = "Виды нозологических единиц диагноза",
        [ConsentFormSystem] = "Предпочтительная форма проведения медико-социальной экспертизы",
        [NotificationSystem] = "Способ получения уведомления о проведении медико-социальной экспертизы",
    };

    private const string FieldVersion = "5.27";

    /// <summary>Coded fields by code: display, CDA type (ST/BL/TS/CD) and, for CD, the value directory.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Display, string Type, string? ValueSystem)> UnverifiedFields =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["4059"] = ("Протокол врачебной комиссии", "ST", null),
            ["4060"] = ("Медико-социальную экспертизу необходимо проводить на дому (Отметка)", "BL", null),
            ["4061"] = ("Нуждаемость в оказании паллиативной медицинской помощи", "BL", null),
            ["7012"] = ("Нуждаемость в первичном протезировании", "BL", null),
            ["4062"] = ("Дата выдачи направления на МСЭ", "TS", null),
            ["4102"] = ("Анамнез заболевания", "ST", null),
            ["4103"] = ("Анамнез жизни", "ST", null),
            ["4108"] = ("Телосложение", "CD", PhysicalDevelopmentSystem),
            ["4109"] = ("Состояние здоровья гражданина при направлении на медико-социальную экспертизу", "ST", null),
            ["4111"] = ("Рекомендуемые мероприятия по реконструктивной хирургии", "ST", null),
            ["4112"] = ("Рекомендуемые мероприятия по протезированию и ортезированию, техническим средствам реабилитации", "ST", null),
            ["4113"] = ("Санаторно-курортное лечение", "ST", null),
            ["12132"] = ("Перечень медицинских изделий для медицинского применения", "ST", null),
            ["4114"] = ("Рекомендуемые мероприятия по медицинской реабилитации", "ST", null),
            ["12485"] = ("Дата согласия гражданина (его законного или уполномоченного представителя) на направление и проведение медико-социальной экспертизы", "TS", null),
            ["12480"] = ("Предпочтительная форма проведения медико-социальной экспертизы", "CD", ConsentFormSystem),
            ["12481"] = ("Предпочтительный способ получения уведомления о проведении медико-социальной экспертизы", "CD", NotificationSystem),
        };
    // ---- end of UNVERIFIED.

    /// <summary>Required sections (1.2.643.5.1.13.13.99.2.197) and the coded fields each must carry.</summary>
    internal static readonly IReadOnlyList<(string Section, string[] Fields)> Required =
    [
        ("SCOPORG", ["4059", "4060", "4061", "7012", "4062"]),
        ("WORK", []),
        ("EDU", []),
        ("SOCANAM", ["4102", "4103"]),
        ("VITALPARAM", ["4108"]),
        ("STATECUR", ["4109"]),
        ("DGN", []),
        ("SCORES", []),
        ("REGIME", []),
        ("CONSENT", ["12485", "12480", "12481"]),
    ];

    private static readonly Dictionary<string, string[]> NestedRequired = new(StringComparer.Ordinal)
    {
        ["RECTREAT"] = ["4111", "4112", "4113", "12132"],
        ["RECOTHER"] = [],
    };

    private readonly Dictionary<string, List<MseReferralValue>> fields = new(StringComparer.Ordinal);
    private readonly List<CdaCode> purposes = [];
    private readonly List<(CdaCode, string, string, string)> vitals = [];
    private CdaCode? visit;
    private CdaCode? order;
    private CdaCode? category;
    private MseReferralBureau? bureau;
    private CdaCode? character;
    private CdaCode? status;
    private CdaCode? diagnosis;
    private string? diagnosisText;

    public MseReferralModel? Read()
    {
        var sections = new List<(CdaSection, int)>();
        for (var i = 0; i < composition.Section.Count; i++)
        {
            if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is { } s)
            {
                sections.Add((s, i));
            }
        }

        var ok = true;
        foreach (var (code, required) in Required)
        {
            var found = sections.FindIndex(s => s.Item1.Code.Code == code);
            if (found < 0)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
                ok = false;
                continue;
            }

            var index = sections[found].Item2;
            var path = $"{C}.section[{index}]";
            ok &= ReadSection(composition.Section[index], path, code, required);
            if (code == "REGIME")
            {
                ok &= ReadNested(composition.Section[index], path);
            }
        }

        if (!ok || visit is null || order is null || category is null || bureau is null || character is null || status is null || diagnosis is null)
        {
            return null;
        }

        return new MseReferralModel(sections, fields.ToDictionary(x => x.Key, x => (IReadOnlyList<MseReferralValue>)x.Value, StringComparer.Ordinal),
            purposes, visit, order, category, bureau, vitals, character, status, diagnosis, diagnosisText);
    }

    private bool ReadNested(Composition.SectionComponent regime, string path)
    {
        var ok = true;
        foreach (var (code, required) in NestedRequired)
        {
            var index = regime.Section.FindIndex(s => s.Code?.Coding.Any(x => x.Code == code) == true);
            if (index < 0)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Секция REGIME должна содержать вложенную секцию {code}", path + ".section");
                ok = false;
                continue;
            }

            ok &= ReadSection(regime.Section[index], $"{path}.section[{index}]", code, required);
        }

        return ok;
    }

    private bool ReadSection(Composition.SectionComponent section, string path, string code, string[] required)
    {
        var ok = true;
        for (var i = 0; i < section.Entry.Count; i++)
        {
            if (reader.Resolve(section.Entry[i], $"{path}.entry[{i}]") is not { } target)
            {
                ok = false;
                continue;
            }

            var rp = $"Bundle.entry[{target.Index}].resource";
            switch (target.Resource)
            {
                case Observation o:
                    ok &= ReadObservation(o, rp, code);
                    break;
                case Organization org when code == "SCOPORG":
                    ok &= ReadBureau(org, rp);
                    break;
                case Condition c when code == "DGN":
                    ok &= ReadDiagnosis(c, rp);
                    break;
                default:
                    reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {code} не может ссылаться на {target.Resource.TypeName}", $"{path}.entry[{i}]");
                    ok = false;
                    break;
            }
        }

        foreach (var field in required.Where(f => !fields.ContainsKey(f)))
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                $"{code}: Observation «{UnverifiedFields[field].Display}» (код {field} справочника 1.2.643.5.1.13.13.99.2.166) обязателен", path + ".entry");
            ok = false;
        }

        if (code == "SCOPORG")
        {
            ok &= Require(purposes.Count > 0, "SCOPORG: Observation с целью направления (code 1.2.643.5.1.13.13.99.2.147) обязателен", path);
            ok &= Require(visit is not null, "SCOPORG: Observation «первичное/повторное» (code 1.2.643.5.1.13.13.11.1007) обязателен", path);
            ok &= Require(order is not null, "SCOPORG: Observation «категория гражданства» (code 1.2.643.5.1.13.13.99.2.315) обязателен", path);
            ok &= Require(category is not null, "SCOPORG: Observation «отношение к воинской обязанности» (code 1.2.643.5.1.13.13.99.2.314) обязателен", path);
            ok &= Require(bureau is not null, "SCOPORG: Organization — бюро медико-социальной экспертизы (type — местонахождение гражданина, 1.2.643.5.1.13.13.99.2.856) обязательна", path);
        }
        else if (code == "VITALPARAM")
        {
            ok &= Require(vitals.Count >= 3, "VITALPARAM: не менее трёх Observation витальных параметров (code 1.2.643.5.1.13.13.99.2.262, valueQuantity, effectiveDateTime)", path);
        }
        else if (code == "DGN")
        {
            ok &= Require(diagnosis is not null, "DGN: Condition (основной диагноз МКБ-10) обязателен", path);
        }

        return ok;
    }

    private bool Require(bool condition, string message, string path)
    {
        if (!condition)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, message, path + ".entry");
        }

        return condition;
    }

    private bool ReadObservation(Observation o, string op, string section)
    {
        var coding = o.Code?.Coding.FirstOrDefault();
        if (coding is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Observation.code обязателен", op + ".code");
            return false;
        }

        var system = coding.System?.StartsWith("urn:oid:", StringComparison.Ordinal) == true ? coding.System[8..] : null;
        if (system == FieldSystem)
        {
            return ReadField(o, coding, op, section);
        }

        var code = Code(coding, op + ".code");
        if (code is null)
        {
            return false;
        }

        switch (section, system)
        {
            case ("SCOPORG", PurposeSystem):
                purposes.Add(code);
                return true;
            case ("SCOPORG", VisitSystem):
                visit = code;
                return true;
            case ("SCOPORG", CitizenshipSystem):
                order = code;
                return true;
            case ("SCOPORG", MilitaryDutySystem):
                category = code;
                return true;
            case ("VITALPARAM", VitalSystem):
                var time = CdaTime.ToTs((o.Effective as FhirDateTime)?.Value);
                if (o.Value is not Quantity { Value: { } value, Unit.Length: > 0 } q || time is null)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, "Витальный параметр: valueQuantity (value, unit) и effectiveDateTime обязательны", op);
                    return false;
                }

                vitals.Add((code, value.ToString(CultureInfo.InvariantCulture), q.Unit, Minutes(time)));
                return true;
            default:
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Observation с кодом системы {coding.System} не ожидается в секции {section}", op + ".code");
                return false;
        }
    }

    private bool ReadField(Observation o, Coding coding, string op, string section)
    {
        if (coding.Code is null || !UnverifiedFields.TryGetValue(coding.Code, out var spec))
        {
            reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {coding.Code} справочника 1.2.643.5.1.13.13.99.2.166 не ожидается в секции {section}", op + ".code");
            return false;
        }

        var field = new CdaCode(coding.Code, FieldSystem, UnverifiedDirectoryNames[FieldSystem], FieldVersion, spec.Display);
        MseReferralValue? value = (spec.Type, o.Value) switch
        {
            ("ST", FhirString { Value.Length: > 0 } s) => new(field, "ST", s.Value.Trim(), null,
                coding.Code == "4059" ? CdaTime.ToTs((o.Effective as FhirDateTime)?.Value) is { } t ? t[..8] : null : null),
            ("BL", FhirBoolean { Value: { } b }) => new(field, "BL", b ? "true" : "false", null, null),
            ("TS", FhirDateTime { Value: { } d }) => CdaTime.ToTs(d) is { } ts ? new(field, "TS", ts[..8], null, null) : null,
            ("TS", Date { Value: { } d }) => CdaTime.ToTs(d) is { } ts ? new(field, "TS", ts, null, null) : null,
            ("CD", CodeableConcept cc) => ValueCode(cc, spec.ValueSystem!, op) is { } v ? new(field, "CD", null, v, null) : null,
            _ => null,
        };
        if (value is null || (coding.Code == "4059" && value.Time is null))
        {
            var expected = spec.Type switch
            {
                "ST" => coding.Code == "4059" ? "valueString и effectiveDateTime (дата протокола)" : "valueString",
                "BL" => "valueBoolean",
                "TS" => "valueDateTime",
                _ => $"valueCodeableConcept (urn:oid:{spec.ValueSystem})",
            };
            reader.Problem(TranslationErrorCodes.InvalidValue, $"Observation {coding.Code}: ожидается {expected}", op + ".value");
            return false;
        }

        if (!fields.TryGetValue(coding.Code, out var list))
        {
            fields[coding.Code] = list = [];
        }

        list.Add(value);
        return true;
    }

    private CdaCode? ValueCode(CodeableConcept cc, string system, string op)
    {
        var coding = cc.Coding.FirstOrDefault(x => x.System == "urn:oid:" + system);
        return coding is null ? null : Code(coding, op + ".value");
    }

    private bool ReadBureau(Organization org, string op)
    {
        var typeCoding = org.Type.SelectMany(t => t.Coding).FirstOrDefault(x => x.System == "urn:oid:" + CitizenLocationSystem);
        var oid = org.Identifier.FirstOrDefault(i => i.System == "urn:ietf:rfc:3986" && i.Value?.StartsWith("urn:oid:", StringComparison.Ordinal) == true)?.Value?[8..];
        var ogrn = org.Identifier.FirstOrDefault(i => i.System == LaboratoryFhirToSemdTranslator.OgrnSystem)?.Value;
        var address = org.Address.Count > 0 ? reader.Address(org.Address[0], op + ".address[0]") : null;
        var type = typeCoding is null ? null : Code(typeCoding, op + ".type");
        if (type is null || oid is null || ogrn is null || ogrn.Length != 13 || !ogrn.All(char.IsAsciiDigit) || address is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Бюро МСЭ: Organization.type (местонахождение гражданина, 1.2.643.5.1.13.13.99.2.856), identifier urn:ietf:rfc:3986 (urn:oid:…), ОГРН (urn:oid:1.2.643.100.1, 13 цифр) и address обязательны", op);
            return false;
        }

        bureau = new MseReferralBureau(type, oid, ogrn, address);
        return true;
    }

    private bool ReadDiagnosis(Condition condition, string cp)
    {
        var icd = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + IcdSystem);
        var categories = condition.Category.SelectMany(c => c.Coding).ToList();
        var statusCoding = categories.FirstOrDefault(x => x.System == "urn:oid:" + DiagnosisStatusSystem);
        var characterCoding = categories.FirstOrDefault(x => x.System == "urn:oid:" + DiseaseCharacterSystem);
        if (icd is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", cp + ".code");
            return false;
        }

        if (statusCoding is null || characterCoding is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Condition.category: вид нозологической единицы (1.2.643.5.1.13.13.11.1077) и степень обоснованности диагноза (1.2.643.5.1.13.13.99.2.795) обязательны", cp + ".category");
            return false;
        }

        diagnosis = Code(icd, cp + ".code");
        status = Code(statusCoding, cp + ".category");
        character = Code(characterCoding, cp + ".category");
        diagnosisText = condition.Note.FirstOrDefault()?.Text ?? condition.Code!.Text;
        return diagnosis is not null && status is not null && character is not null;
    }

    /// <summary>A coded value: snapshot values when the directory is held, else the coding's own (code, display and version required).</summary>
    private CdaCode? Code(Coding coding, string path)
    {
        var system = coding.System?.StartsWith("urn:oid:", StringComparison.Ordinal) == true ? coding.System[8..] : null;
        if (system is not null && !nsi.HasDirectory(system) && (string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version)))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Coding {system}: code, display и version обязательны (справочника нет в снимках НСИ)", path);
            return null;
        }

        var code = reader.Code(coding, path);
        if (code is null)
        {
            return null;
        }

        return code.SystemName is null && UnverifiedDirectoryNames.TryGetValue(code.System, out var name) ? code with { SystemName = name } : code;
    }

    private static string Minutes(string ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    public void Write(XmlWriter w, MseReferralModel m, CdaHeader header)
    {
        foreach (var (section, _) in m.Sections)
        {
            Action<XmlWriter>? entries = section.Code.Code switch
            {
                "SCOPORG" => x => Scoporg(x, m, header.Code, header.Custodian),
                "SOCANAM" or "STATECUR" or "CONSENT" => x => Fields(x, m, section.Code.Code),
                "VITALPARAM" => x => Vitals(x, m),
                "DGN" => x => Diagnosis(x, m),
                _ => null,
            };
            CdaHeaderWriter.Section(w, section, entries, nested => nested.Code.Code is "RECTREAT" or "RECOTHER" ? x => Fields(x, m, nested.Code.Code) : null);
        }
    }

    private static readonly Dictionary<string, string[]> WrittenFields = new(StringComparer.Ordinal)
    {
        ["SOCANAM"] = ["4102", "4103"],
        ["STATECUR"] = ["4109"],
        ["CONSENT"] = ["12485", "12480", "12481"],
        ["RECTREAT"] = ["4111", "4112", "4113", "12132"],
        ["RECOTHER"] = ["4114"],
    };

    private static void Fields(XmlWriter w, MseReferralModel m, string section)
    {
        foreach (var code in WrittenFields[section])
        {
            foreach (var value in m.Fields.GetValueOrDefault(code) ?? [])
            {
                w.WriteStartElement("entry");
                Observation(w, value);
                w.WriteEndElement();
            }
        }
    }

    private static void Scoporg(XmlWriter w, MseReferralModel m, CdaCode docType, CdaOrganization custodian)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("act");
        w.WriteAttributeString("classCode", "ACT");
        w.WriteAttributeString("moodCode", "RQO");
        CdaHeaderWriter.Coded(w, "code", docType);
        CdaHeaderWriter.Empty(w, "statusCode", ("code", "active"));
        w.WriteStartElement("performer");
        w.WriteStartElement("assignedEntity");
        CdaHeaderWriter.Empty(w, "id", ("root", custodian.Oid));
        w.WriteStartElement("representedOrganization");
        w.WriteAttributeString("classCode", "ORG");
        CdaHeaderWriter.Empty(w, "id", ("root", custodian.Oid));
        CdaHeaderWriter.Text(w, "name", custodian.Name ?? string.Empty);
        CdaHeaderWriter.ContactOf(w, Typed, custodian.Telecoms.Take(1), custodian.Address);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        foreach (var purpose in m.Purposes)
        {
            Subject(w, x => CodedObservation(x, purpose));
        }

        Subject(w, x => CodedObservation(x, m.Visit));
        foreach (var code in new[] { "4059", "4060", "4061", "7012", "4062" })
        {
            foreach (var value in m.Fields.GetValueOrDefault(code) ?? [])
            {
                Subject(w, x => Observation(x, value));
            }
        }

        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("entry");
        CodedObservation(w, m.Order);
        w.WriteEndElement();

        w.WriteStartElement("entry");
        w.WriteStartElement("act");
        w.WriteAttributeString("classCode", "ACT");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", m.Bureau.Type);
        w.WriteStartElement("participant");
        w.WriteAttributeString("typeCode", "LOC");
        w.WriteStartElement("participantRole");
        CdaHeaderWriter.Empty(w, "id", ("root", m.Bureau.Oid));
        w.WriteStartElement("Props", CdaHeaderWriter.Identity);
        w.WriteStartElement("Ogrn", CdaHeaderWriter.Identity);
        CdaValue.St(w, m.Bureau.Ogrn);
        w.WriteEndElement();
        w.WriteEndElement();
        CdaHeaderWriter.ContactOf(w, Typed, [], m.Bureau.Address);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("entry");
        CodedObservation(w, m.Category);
        w.WriteEndElement();
    }

    private static readonly CdaStyle Typed = new(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null);

    private static void Vitals(XmlWriter w, MseReferralModel m)
    {
        foreach (var (code, value, unit, time) in m.Vitals)
        {
            w.WriteStartElement("entry");
            w.WriteStartElement("organizer");
            w.WriteAttributeString("classCode", "CLUSTER");
            w.WriteAttributeString("moodCode", "EVN");
            CdaHeaderWriter.Empty(w, "statusCode", ("code", "completed"));
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", time));
            w.WriteStartElement("component");
            w.WriteAttributeString("typeCode", "COMP");
            w.WriteStartElement("observation");
            w.WriteAttributeString("classCode", "OBS");
            w.WriteAttributeString("moodCode", "EVN");
            CdaHeaderWriter.Coded(w, "code", code);
            w.WriteStartElement("value");
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PQ");
            w.WriteAttributeString("value", value);
            w.WriteAttributeString("unit", unit);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        foreach (var value in m.Fields.GetValueOrDefault("4108") ?? [])
        {
            w.WriteStartElement("entry");
            Observation(w, value);
            w.WriteEndElement();
        }
    }

    private static void Diagnosis(XmlWriter w, MseReferralModel m)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("act");
        w.WriteAttributeString("classCode", "ACT");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", m.DiseaseCharacter);
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", m.DiagnosisStatus);
        if (!string.IsNullOrWhiteSpace(m.DiagnosisText))
        {
            CdaHeaderWriter.Text(w, "text", m.DiagnosisText);
        }

        CdaHeaderWriter.Empty(w, "statusCode", ("code", "completed"));
        w.WriteStartElement("value");
        CdaValue.Cd(w, m.Diagnosis);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Subject(XmlWriter w, Action<XmlWriter> observation)
    {
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "SUBJ");
        w.WriteAttributeString("inversionInd", "true");
        observation(w);
        w.WriteEndElement();
    }

    private static void CodedObservation(XmlWriter w, CdaCode code)
    {
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        w.WriteEndElement();
    }

    private static void Observation(XmlWriter w, MseReferralValue v)
    {
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", v.Field);
        if (v.Time is not null)
        {
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", v.Time));
        }

        w.WriteStartElement("value");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, v.Type);
        switch (v.Type)
        {
            case "ST":
                w.WriteString(v.Text);
                break;
            case "CD":
                CdaHeaderWriter.CodedAttributes(w, v.Coded!);
                break;
            default:
                w.WriteAttributeString("value", v.Type == "TS" ? v.Time ?? v.Text : v.Text);
                break;
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }
}
