using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads and writes the body of a kind-147 discharge summary in the nesting of the official 147 rules (У2-1…У2-5):
/// HOSP { ANAM, STATEADM { DGN }, LANAM, PATIENTROUTE { DEPARTINFO+ }, STATEDIS { DGN, REGIME? } } and SERVICES, from nested
/// <c>Composition.section</c>s whose coded facts are <c>entry</c> references to Observation, Condition, Encounter and Procedure
/// (<c>Schemas/fhir/dischargesummary-147.md</c>). Problems are reported to the reader with FHIRPaths; write only when there are none.
/// </summary>
internal sealed class DischargeSummaryBody(FhirHeaderReader reader, Composition composition)
{
    private const string C = "Bundle.entry[0].resource";

    private static readonly DischargeSummaryFactSpec[] HospFacts =
    [
        new("6051", "CD", DischargeSummaryCodes.ReasonSystem), new("6023", "BL"), new("6022", "CD", DischargeSummaryCodes.RepeatSystem),
        new("6042", "CD", DischargeSummaryCodes.ChannelSystem),
    ];

    private static readonly DischargeSummaryFactSpec[] HistoryFacts = [new("7006", "ST")];

    private static readonly DischargeSummaryFactSpec[] AdmissionFacts = [new("804", "CD", DischargeSummaryCodes.SeveritySystem, WithText: true), new("835", "ST")];

    private static readonly DischargeSummaryFactSpec[] DischargeFacts =
    [
        new("804", "CD", DischargeSummaryCodes.SeveritySystem), new("818", "CD", DischargeSummaryCodes.ResultSystem), new("6036", "BL"), new("6037", "BL"),
    ];

    private static readonly DischargeSummaryFactSpec[] RegimeFacts = [new("807", "ST")];

    private readonly Dictionary<CdaSection, Action<XmlWriter>> entries = new(ReferenceEqualityComparer.Instance);
    private readonly List<CdaSection> sections = [];

    /// <summary>Reads the body; the problems go to the reader (the caller writes only when there are none).</summary>
    public void Read()
    {
        var top = new List<Node>();
        for (var i = 0; i < composition.Section.Count; i++)
        {
            var path = $"{C}.section[{i}]";
            if (reader.Section(composition.Section[i], path) is { } s)
            {
                top.Add(new Node(composition.Section[i], s, path));
            }
        }

        Unsupported(top, "HOSP", "SERVICES");
        if (Child(top, "HOSP", C + ".section", "Composition") is { } hosp)
        {
            Hosp(hosp);
            sections.Add(hosp.Cda);
        }

        if (Child(top, "SERVICES", C + ".section", "Composition") is { } services)
        {
            Services(services);
            sections.Add(services.Cda);
        }
    }

    /// <summary>Writes the body sections (after a <see cref="Read"/> without problems).</summary>
    public void Write(XmlWriter w)
    {
        foreach (var section in sections)
        {
            CdaHeaderWriter.Section(w, section, entries.GetValueOrDefault(section), s => entries.GetValueOrDefault(s));
        }
    }

    private void Hosp(Node hosp)
    {
        Facts(hosp, HospFacts);
        var children = Children(hosp);
        Unsupported(children, "ANAM", "STATEADM", "LANAM", "PATIENTROUTE", "STATEDIS");
        if (Child(children, "ANAM", hosp.Path + ".section", "HOSP") is { } anam)
        {
            Facts(anam, HistoryFacts);
        }

        if (Child(children, "STATEADM", hosp.Path + ".section", "HOSP") is { } admission)
        {
            Facts(admission, AdmissionFacts);
            var nested = Children(admission);
            Unsupported(nested, "DGN");
            if (Child(nested, "DGN", admission.Path + ".section", "STATEADM") is { } dgn)
            {
                Diagnoses(dgn, validityForMain: false);
            }
        }

        if (Child(children, "LANAM", hosp.Path + ".section", "HOSP") is { } life)
        {
            Facts(life, HistoryFacts);
        }

        if (Child(children, "PATIENTROUTE", hosp.Path + ".section", "HOSP") is { } route)
        {
            Text(route);
            NoEntries(route);
            var departments = Children(route);
            Unsupported(departments, "DEPARTINFO");
            var stays = departments.Where(d => d.Cda.Code.Code == "DEPARTINFO").ToList();
            if (stays.Count == 0)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Секция PATIENTROUTE должна содержать хотя бы одну секцию DEPARTINFO (пребывание в отделении)", route.Path + ".section");
            }

            foreach (var stay in stays)
            {
                Department(stay);
            }
        }

        if (Child(children, "STATEDIS", hosp.Path + ".section", "HOSP") is { } discharge)
        {
            Facts(discharge, DischargeFacts);
            var nested = Children(discharge);
            Unsupported(nested, "DGN", "REGIME");
            if (Child(nested, "DGN", discharge.Path + ".section", "STATEDIS") is { } dgn)
            {
                Diagnoses(dgn, validityForMain: true);
            }

            if (Child(nested, "REGIME", discharge.Path + ".section", "STATEDIS", required: false) is { } regime)
            {
                Facts(regime, RegimeFacts);
            }
        }
    }

    private void Facts(Node node, DischargeSummaryFactSpec[] specs)
    {
        Text(node);
        var observations = Resolved<Observation>(node, "Observation");
        var facts = new List<DischargeSummaryFact>();
        foreach (var spec in specs)
        {
            var matches = observations.Where(o => o.Resource.Code?.Coding.Any(c => c.System == "urn:oid:" + DischargeSummaryCodes.FieldSystem && c.Code == spec.Field) == true).ToList();
            if (matches.Count == 0)
            {
                if (spec.Required)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement,
                        $"Секция {node.Cda.Code.Code}: entry → Observation с code {spec.Field} (urn:oid:{DischargeSummaryCodes.FieldSystem} «{DischargeSummaryCodes.FieldDisplay(spec.Field)}») обязателен",
                        node.Path + ".entry");
                }

                continue;
            }

            var (observation, path) = matches[0];
            if (matches.Count > 1)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {node.Cda.Code.Code}: Observation с code {spec.Field} допускается один раз", matches[1].Path);
            }

            var text = observation.Note.FirstOrDefault()?.Text;
            if (spec.WithText && string.IsNullOrWhiteSpace(text))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Observation {spec.Field}: note[0].text (описание состояния) обязателен", path + ".note");
            }

            if (Fact(observation, spec, path) is { } fact)
            {
                facts.Add(spec.WithText ? fact with { Text = text?.Trim() } : fact);
            }
        }

        foreach (var (observation, path) in observations.Where(o => !specs.Any(s => o.Resource.Code?.Coding.Any(c => c.Code == s.Field) == true)))
        {
            _ = observation;
            reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {node.Cda.Code.Code}: Observation с таким code не предусмотрена профилем 147", path + ".code");
        }

        entries[node.Cda] = w => facts.ForEach(f => DischargeSummaryEntries.Fact(w, f));
    }

    private DischargeSummaryFact? Fact(Observation observation, DischargeSummaryFactSpec spec, string path)
    {
        var field = DischargeSummaryCodes.Field(spec.Field);
        switch (spec.Type)
        {
            case "CD":
                if (observation.Value is not CodeableConcept concept)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"Observation {spec.Field}: valueCodeableConcept (urn:oid:{spec.System}) обязателен", path + ".value");
                    return null;
                }

                return DischargeSummaryCodes.Resolve(reader, concept, spec.System!, path + ".value") is { } code ? new DischargeSummaryFact(field, "CD", code, null) : null;
            case "BL":
                if (observation.Value is not FhirBoolean { Value: { } flag })
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"Observation {spec.Field}: valueBoolean обязателен", path + ".value");
                    return null;
                }

                return new DischargeSummaryFact(field, "BL", null, flag ? "true" : "false");
            default:
                if (observation.Value is not FhirString { Value: { } text } || string.IsNullOrWhiteSpace(text))
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"Observation {spec.Field}: valueString (непустой текст) обязателен", path + ".value");
                    return null;
                }

                return new DischargeSummaryFact(field, "ST", null, text.Trim());
        }
    }

    private void Diagnoses(Node node, bool validityForMain)
    {
        Text(node);
        var conditions = Resolved<Condition>(node, "Condition");
        if (node.Fhir.Entry.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Секция DGN ({node.Path}) должна ссылаться хотя бы на один Condition (диагноз по МКБ-10)", node.Path + ".entry");
        }

        var list = new List<DischargeSummaryDiagnosis>();
        foreach (var (condition, path) in conditions)
        {
            var coding = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + DischargeSummaryCodes.IcdSystem);
            if (coding is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", path + ".code");
                continue;
            }

            var icd = reader.Code(coding, path + ".code");
            var kindIndex = condition.Category.FindIndex(c => c.Coding.Any(x => x.System == "urn:oid:" + DischargeSummaryCodes.NosologySystem));
            var kind = kindIndex < 0
                ? Missing("Condition.category: coding urn:oid:1.2.643.5.1.13.13.11.1077 (вид нозологической единицы: 1 основное, 3 сопутствующее, …) обязателен", path + ".category")
                : DischargeSummaryCodes.Resolve(reader, condition.Category[kindIndex], DischargeSummaryCodes.NosologySystem, $"{path}.category[{kindIndex}]");
            var validityIndex = condition.Category.FindIndex(c => c.Coding.Any(x => x.System == "urn:oid:" + DischargeSummaryCodes.ValiditySystem));
            var validity = validityIndex < 0 ? null
                : DischargeSummaryCodes.Resolve(reader, condition.Category[validityIndex], DischargeSummaryCodes.ValiditySystem, $"{path}.category[{validityIndex}]");
            if (validityForMain && validityIndex < 0 && kind?.Code == "1")
            {
                reader.Problem(TranslationErrorCodes.MissingElement,
                    "Основной диагноз при выписке: Condition.category с coding urn:oid:1.2.643.5.1.13.13.99.2.795 (степень обоснованности, 3 заключительный клинический) обязателен",
                    path + ".category");
            }

            if (icd is not null && kind is not null)
            {
                list.Add(new DischargeSummaryDiagnosis(kind, icd, condition.Note.FirstOrDefault()?.Text ?? condition.Code!.Text, validity));
            }
        }

        entries[node.Cda] = w => list.ForEach(d => DischargeSummaryEntries.Diagnosis(w, d));
    }

    private void Department(Node node)
    {
        Text(node);
        Unsupported(Children(node));
        var encounters = Resolved<Encounter>(node, "Encounter");
        if (encounters.Count != 1)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Секция DEPARTINFO: ровно один entry → Encounter (пребывание в отделении) обязателен", node.Path + ".entry");
            return;
        }

        var (encounter, path) = encounters[0];
        var low = CdaTime.ToTs(encounter.Period?.Start);
        var high = CdaTime.ToTs(encounter.Period?.End);
        if (low is null || high is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Encounter отделения: period.start и period.end обязательны", path + ".period");
        }

        var bed = encounter.ServiceType is null
            ? Missing("Encounter.serviceType: coding urn:oid:1.2.643.5.1.13.13.11.1069 (профиль койки) обязателен", path + ".serviceType")
            : DischargeSummaryCodes.Resolve(reader, encounter.ServiceType, DischargeSummaryCodes.BedProfileSystem, path + ".serviceType");
        var doctor = Doctor(encounter, path);
        var department = Location(encounter, path);
        if (low is not null && high is not null && bed is not null && doctor is { } d && department is { } l)
        {
            var stay = new DischargeSummaryDepartmentStay(low, high, d.Root, d.Id, d.Position, d.Name, l.Oid, l.Name, bed);
            entries[node.Cda] = w => DischargeSummaryEntries.DepartmentStay(w, stay);
        }
    }

    private (string Root, string Id, CdaCode Position, CdaName Name)? Doctor(Encounter encounter, string path)
    {
        var rp = path + ".participant[0].individual";
        if (encounter.Participant.FirstOrDefault()?.Individual is not { } individual)
        {
            return Report("Encounter.participant[0].individual → PractitionerRole (лечащий врач отделения) обязателен", rp);
        }

        if (reader.Resolve(individual, rp) is not { Resource: PractitionerRole role } r)
        {
            return Report("Encounter.participant[0].individual должен ссылаться на PractitionerRole", rp);
        }

        var rolePath = $"Bundle.entry[{r.Index}].resource";
        var positionCoding = role.Code.SelectMany(c => c.Coding).FirstOrDefault(x => x.System == "urn:oid:1.2.643.5.1.13.13.11.1002");
        var position = positionCoding is null
            ? Missing("PractitionerRole.code (должность, 1.2.643.5.1.13.13.11.1002) обязателен", rolePath + ".code")
            : reader.Code(positionCoding, rolePath + ".code");
        if (reader.Resolve(role.Practitioner, rolePath + ".practitioner") is not { Resource: Practitioner practitioner } p)
        {
            return Report("PractitionerRole.practitioner должен ссылаться на Practitioner", rolePath + ".practitioner");
        }

        var pp = $"Bundle.entry[{p.Index}].resource";
        var local = practitioner.Identifier.FirstOrDefault(i => i.System?.StartsWith("urn:oid:", StringComparison.Ordinal) == true
            && i.System.EndsWith(".70", StringComparison.Ordinal) && !string.IsNullOrEmpty(i.Value));
        var name = practitioner.Name.FirstOrDefault();
        var given = name?.Given.ToList() ?? [];
        if (local is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Нет местного идентификатора врача (system urn:oid:<корень МИС>.70)", pp + ".identifier");
        }

        if (name is null || string.IsNullOrWhiteSpace(name.Family) || given.Count == 0 || string.IsNullOrWhiteSpace(given[0]))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Имя обязательно: name[0].family и name[0].given[0] (отчество — given[1])", pp + ".name");
            return null;
        }

        return local is null || position is null ? null
            : (local.System!["urn:oid:".Length..], local.Value!, position, new CdaName(name.Family!, given[0]!, given.Count > 1 ? given[1] : null));
    }

    private (string Oid, string Name)? Location(Encounter encounter, string path)
    {
        var lp = path + ".location[0].location";
        if (encounter.Location.FirstOrDefault()?.Location is not { } reference || reader.Resolve(reference, lp) is not { Resource: Location location } l)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Encounter.location[0].location → Location (отделение) обязателен", lp);
            return null;
        }

        var p = $"Bundle.entry[{l.Index}].resource";
        var oid = location.Identifier.FirstOrDefault(i => i.System == "urn:ietf:rfc:3986" && i.Value?.StartsWith("urn:oid:", StringComparison.Ordinal) == true)?.Value;
        if (oid is null || string.IsNullOrWhiteSpace(location.Name))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Location отделения: identifier (system urn:ietf:rfc:3986, value urn:oid:<OID отделения>) и name обязательны", p);
            return null;
        }

        return (oid["urn:oid:".Length..], location.Name);
    }

    private void Services(Node node)
    {
        Text(node);
        Unsupported(Children(node));
        var procedures = Resolved<Procedure>(node, "Procedure");
        if (node.Fhir.Entry.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Секция SERVICES должна ссылаться хотя бы на одну Procedure (оказанная медицинская услуга)", node.Path + ".entry");
        }

        var list = new List<DischargeSummaryService>();
        foreach (var (procedure, path) in procedures)
        {
            var id = procedure.Identifier.FirstOrDefault(i => i.System?.StartsWith("urn:oid:", StringComparison.Ordinal) == true
                && i.System.EndsWith(".52", StringComparison.Ordinal) && !string.IsNullOrEmpty(i.Value));
            if (id is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Procedure.identifier (system urn:oid:<корень МИС>.52) обязателен", path + ".identifier");
            }

            var coding = procedure.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + DischargeSummaryCodes.ServiceSystem);
            var code = coding is null
                ? Missing("Procedure.code: coding urn:oid:1.2.643.5.1.13.13.11.1070 (номенклатура медицинских услуг) обязателен", path + ".code")
                : reader.Code(coding, path + ".code");
            var time = procedure.Performed switch
            {
                FhirDateTime t => CdaTime.ToTs(t.Value),
                Period period => CdaTime.ToTs(period.Start),
                _ => null,
            };
            if (time is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Procedure.performedDateTime (или performedPeriod.start) обязателен", path + ".performed");
            }

            if (id is not null && code is not null && time is not null)
            {
                list.Add(new DischargeSummaryService(id.System!["urn:oid:".Length..], id.Value!, code, time));
            }
        }

        entries[node.Cda] = w => DischargeSummaryEntries.Services(w, list);
    }

    private List<(T Resource, string Path)> Resolved<T>(Node node, string typeName)
        where T : Resource
    {
        var list = new List<(T, string)>();
        for (var e = 0; e < node.Fhir.Entry.Count; e++)
        {
            var p = $"{node.Path}.entry[{e}]";
            if (reader.Resolve(node.Fhir.Entry[e], p) is not { } target)
            {
                continue;
            }

            if (target.Resource is T resource)
            {
                list.Add((resource, $"Bundle.entry[{target.Index}].resource"));
            }
            else
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, $"Секция {node.Cda.Code.Code}: entry должен ссылаться на {typeName}", p);
            }
        }

        return list;
    }

    private void Text(Node node)
    {
        if (string.IsNullOrWhiteSpace(node.Fhir.Text?.Div) || node.Cda.Text is null || string.IsNullOrWhiteSpace(node.Cda.Text.Value))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Секция {node.Cda.Code.Code}: section.text (текст секции) не должен быть пустым", node.Path + ".text");
        }
    }

    private void NoEntries(Node node)
    {
        if (node.Fhir.Entry.Count > 0)
        {
            reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {node.Cda.Code.Code} не содержит entry по профилю 147", node.Path + ".entry");
        }
    }

    private static List<Node> Children(Node node) =>
        node.Cda.Sections.Count == node.Fhir.Section.Count
            ? node.Fhir.Section.Select((s, i) => new Node(s, node.Cda.Sections[i], $"{node.Path}.section[{i}]")).ToList()
            : [];

    private Node? Child(List<Node> nodes, string code, string parentPath, string parent, bool required = true)
    {
        var matches = nodes.Where(n => n.Cda.Code.Code == code).ToList();
        if (matches.Count == 0)
        {
            if (required)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"{parent}: вложенная секция {code} (1.2.643.5.1.13.13.99.2.197) обязательна", parentPath);
            }

            return null;
        }

        if (matches.Count > 1)
        {
            reader.Problem(TranslationErrorCodes.InvalidValue, $"{parent}: секция {code} допускается один раз", matches[1].Path);
        }

        return matches[0];
    }

    private void Unsupported(List<Node> nodes, params string[] allowed)
    {
        foreach (var node in nodes.Where(n => !allowed.Contains(n.Cda.Code.Code)))
        {
            reader.Problem(TranslationErrorCodes.InvalidValue,
                $"Секция {node.Cda.Code.Code} на этом уровне не предусмотрена профилем 147 (допустимы: {(allowed.Length == 0 ? "нет вложенных секций" : string.Join(", ", allowed))})",
                node.Path + ".code");
        }
    }

    private CdaCode? Missing(string message, string path)
    {
        reader.Problem(TranslationErrorCodes.MissingElement, message, path);
        return null;
    }

    private (string, string, CdaCode, CdaName)? Report(string message, string path)
    {
        reader.Problem(TranslationErrorCodes.MissingElement, message, path);
        return null;
    }

    private sealed record Node(Composition.SectionComponent Fhir, CdaSection Cda, string Path);
}
