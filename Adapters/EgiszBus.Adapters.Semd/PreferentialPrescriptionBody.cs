using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads the kind-141 body (DOCINFO, BENEFITS, RECIPE) from a Composition and writes it as CDA.</summary>
internal sealed class PreferentialPrescriptionBody(PreferentialPrescriptionFhirToSemdTranslator owner, FhirHeaderReader reader, Composition composition)
{
    private const string C = "Bundle.entry[0].resource";
    private static readonly string[] Field = [PreferentialPrescriptionFhirToSemdTranslator.FieldSystem];
    private static readonly string[] ProductValidity = ["1", "2", "4"];

    private readonly List<CdaSection> sections = [];
    private readonly List<Action<XmlWriter>> docInfo = [];
    private readonly List<Action<XmlWriter>> benefits = [];
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private CdaCode? diagnosis;
    private PrescriptionItem? item;

    public bool Read()
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < composition.Section.Count; i++)
        {
            if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is not { } s)
            {
                continue;
            }

            if (s.Code.Code is not ("DOCINFO" or "BENEFITS" or "RECIPE"))
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {s.Code.Code} не предусмотрена для вида 141 (DOCINFO, BENEFITS, RECIPE)", $"{C}.section[{i}].code");
                continue;
            }

            if (!found.TryAdd(s.Code.Code, i))
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {s.Code.Code} должна быть одна", $"{C}.section[{i}].code");
                continue;
            }

            sections.Add(s with { Sections = [] });
        }

        foreach (var code in new[] { "DOCINFO", "BENEFITS", "RECIPE" })
        {
            if (!found.ContainsKey(code))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            }
        }

        if (found.TryGetValue("DOCINFO", out var d))
        {
            ReadDocInfo(composition.Section[d], $"{C}.section[{d}]");
        }

        if (found.TryGetValue("BENEFITS", out var b))
        {
            ReadBenefits(composition.Section[b], $"{C}.section[{b}]");
        }

        if (found.TryGetValue("RECIPE", out var r))
        {
            ReadRecipe(composition.Section[r], $"{C}.section[{r}]");
        }

        return found.Count == 3 && diagnosis is not null && item is not null;
    }

    private IEnumerable<(Resource Resource, string Path)> Entries(Composition.SectionComponent section, string path)
    {
        for (var e = 0; e < section.Entry.Count; e++)
        {
            var p = $"{path}.entry[{e}]";
            if (reader.Resolve(section.Entry[e], p) is not { } target)
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, "section.entry не найден в Bundle", p);
                continue;
            }

            yield return (target.Resource, $"Bundle.entry[{target.Index}].resource");
        }
    }

    private void ReadDocInfo(Composition.SectionComponent section, string path)
    {
        foreach (var (resource, op) in Entries(section, path))
        {
            if (resource is Condition condition)
            {
                var coding = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + PreferentialPrescriptionFhirToSemdTranslator.IcdSystem);
                if (coding is null)
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", op + ".code");
                }
                else if (diagnosis is not null)
                {
                    reader.Problem(TranslationErrorCodes.InvalidValue, "DOCINFO: допускается один диагноз (Condition)", op);
                }
                else
                {
                    diagnosis = reader.Code(coding, op + ".code");
                }

                continue;
            }

            if (resource is not Observation observation)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "DOCINFO: section.entry должен ссылаться на Observation или Condition", op);
                continue;
            }

            if (owner.Coding.Code(reader, observation.Code?.Coding, Field, op + ".code", "Observation.code") is not { } field)
            {
                continue;
            }

            if (!seen.Add(field.Code))
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Поле {field.Code} должно быть указано один раз", op + ".code");
                continue;
            }

            switch (field.Code)
            {
                case "6000":
                    AddCoded(docInfo, field, observation, [PreferentialPrescriptionFhirToSemdTranslator.FormSystem], op, "Форма рецептурного бланка");
                    break;
                case "6001" or "6002":
                    if (observation.Value is FhirString { Value: { Length: > 0 } text } && !string.IsNullOrWhiteSpace(text))
                    {
                        docInfo.Add(w => PrescriptionCda.Observation(w, field, null, x => CdaValue.St(x, text.Trim())));
                    }
                    else
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, $"{field.Display}: valueString обязателен", op + ".value");
                    }

                    break;
                case "6004":
                    var value = owner.Coding.Code(reader, (observation.Value as CodeableConcept)?.Coding, [PreferentialPrescriptionFhirToSemdTranslator.ValiditySystem],
                        op + ".valueCodeableConcept", "Срок действия рецепта");
                    var until = CdaTime.ToTs((observation.Effective as FhirDateTime)?.Value);
                    if (until is null)
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "Срок действия рецепта: effectiveDateTime (дата окончания действия) обязателен", op + ".effective");
                    }

                    if (value is not null && !ProductValidity.Contains(value.Code))
                    {
                        reader.Problem(TranslationErrorCodes.InvalidValue,
                            "Срок действия рецепта: для лекарственного препарата допустимы коды 1, 2, 4 справочника 1.2.643.5.1.13.13.99.2.608 (рецепты на медицинские изделия и лечебное питание, коды 6 и 7, не поддерживаются)",
                            op + ".valueCodeableConcept");
                    }
                    else if (value is not null && until is not null)
                    {
                        docInfo.Add(w => PrescriptionCda.Observation(w, field, until[..8], x => CdaValue.Cd(x, value)));
                    }

                    break;
                case "6006" or "11001":
                    if (observation.Value is FhirBoolean { Value: { } flag })
                    {
                        docInfo.Add(w => PrescriptionCda.Observation(w, field, null, x => CdaValue.Bl(x, flag)));
                    }
                    else
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, $"{field.Display}: valueBoolean обязателен", op + ".value");
                    }

                    break;
                default:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "DOCINFO: Observation.code должен быть 6000, 6001, 6002, 6004, 6006 или 11001 справочника urn:oid:1.2.643.5.1.13.13.99.2.166", op + ".code");
                    break;
            }
        }

        foreach (var (code, name) in new[] { ("6001", "Серия рецепта"), ("6002", "Номер рецепта"), ("6004", "Срок действия рецепта"), ("6006", "По специальному назначению (Отметка)"), ("11001", "Признак (11001)") })
        {
            if (!seen.Contains(code))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"DOCINFO: Observation «{name}» (код {code} справочника 1.2.643.5.1.13.13.99.2.166) обязателен", path + ".entry");
            }
        }

        if (diagnosis is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Condition с диагнозом по МКБ-10 (urn:oid:1.2.643.5.1.13.13.11.1005) обязателен", path + ".entry");
        }
        else
        {
            var dgn = diagnosis;
            docInfo.Add(w => PrescriptionCda.Observation(w, PreferentialPrescriptionFhirToSemdTranslator.FieldOfDiagnosis, null, x => CdaValue.Cd(x, dgn)));
        }
    }

    private void AddCoded(List<Action<XmlWriter>> into, CdaCode field, Observation observation, string[] systems, string op, string what)
    {
        if (owner.Coding.Code(reader, (observation.Value as CodeableConcept)?.Coding, systems, op + ".valueCodeableConcept", what) is { } value)
        {
            into.Add(w => PrescriptionCda.Observation(w, field, null, x => CdaValue.Cd(x, value)));
        }
    }

    private void ReadBenefits(Composition.SectionComponent section, string path)
    {
        var fields = new List<string>();
        foreach (var (resource, op) in Entries(section, path))
        {
            if (resource is not Observation observation)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "BENEFITS: section.entry должен ссылаться на Observation", op);
                continue;
            }

            if (owner.Coding.Code(reader, observation.Code?.Coding, Field, op + ".code", "Observation.code") is not { } field)
            {
                continue;
            }

            if (field.Code != "811" && fields.Contains(field.Code))
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Поле {field.Code} должно быть указано один раз", op + ".code");
                continue;
            }

            fields.Add(field.Code);
            switch (field.Code)
            {
                case "811":
                    AddCoded(benefits, field, observation, [PreferentialPrescriptionFhirToSemdTranslator.BenefitSystem], op, "Категория льготы");
                    break;
                case "6009":
                    AddCoded(benefits, field, observation, [PreferentialPrescriptionFhirToSemdTranslator.FinancingSystem], op, "Источник финансирования");
                    break;
                case "6010":
                    if (observation.Value is Quantity { Value: { } percent } q && percent is > 0 and <= 100
                        && (q.Code is null || (q.Code == "53" && q.System == "urn:oid:" + PreferentialPrescriptionFhirToSemdTranslator.UnitSystem)))
                    {
                        if (owner.Coding.Unit(reader, "53", op + ".valueQuantity", shortName: true) is { } unit)
                        {
                            benefits.Add(w => PrescriptionCda.Observation(w, field, null, x =>
                            {
                                x.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PQ");
                                x.WriteAttributeString("value", PrescriptionCda.Number(percent));
                                x.WriteAttributeString("unit", "%");
                                PrescriptionCda.Translation(x, percent, unit.Code);
                            }));
                        }
                    }
                    else
                    {
                        reader.Problem(TranslationErrorCodes.InvalidValue, "Процент оплаты: valueQuantity (value 1…100, code 53 справочника urn:oid:1.2.643.5.1.13.13.11.1358) обязателен", op + ".value");
                    }

                    break;
                default:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "BENEFITS: Observation.code должен быть 811, 6009 или 6010 справочника urn:oid:1.2.643.5.1.13.13.99.2.166", op + ".code");
                    break;
            }
        }

        foreach (var (code, name) in new[] { ("811", "Льготная категория"), ("6009", "Размер льготы (код)"), ("6010", "Размер льготы (значение в процентах)") })
        {
            if (!fields.Contains(code))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"BENEFITS: Observation «{name}» (код {code} справочника 1.2.643.5.1.13.13.99.2.166) обязателен", path + ".entry");
            }
        }
    }

    private void ReadRecipe(Composition.SectionComponent section, string path)
    {
        var requests = Entries(section, path).ToList();
        if (requests.Count != 1 || requests[0].Resource is not MedicationRequest request)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "RECIPE: ровно одна ссылка на MedicationRequest обязательна", path + ".entry");
            return;
        }

        item = ReadItem(request, requests[0].Path);
    }

    private PrescriptionItem? ReadItem(MedicationRequest request, string mp)
    {
        var concept = request.Medication as CodeableConcept;
        var medication = owner.Coding.Code(reader, concept?.Coding,
            [PreferentialPrescriptionFhirToSemdTranslator.MedicationSystem, PreferentialPrescriptionFhirToSemdTranslator.InnSystem], mp + ".medicationCodeableConcept", "Лекарственный препарат");
        var dosage = request.DosageInstruction.FirstOrDefault();
        var dp = mp + ".dosageInstruction[0]";
        if (dosage is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "MedicationRequest.dosageInstruction обязателен", dp);
            return null;
        }

        var route = owner.Coding.Code(reader, dosage.Route?.Coding, [PreferentialPrescriptionFhirToSemdTranslator.RouteSystem], dp + ".route", "Путь введения");
        var repeat = dosage.Timing?.Repeat;
        var (start, end, days) = PrescriptionCda.Course(reader, repeat, dp);
        var periodUcum = repeat?.PeriodUnit switch
        {
            Timing.UnitsOfTime.Min => "min",
            Timing.UnitsOfTime.H => "h",
            Timing.UnitsOfTime.D => "d",
            Timing.UnitsOfTime.Wk => "wk",
            Timing.UnitsOfTime.Mo => "mo",
            Timing.UnitsOfTime.A => "a",
            _ => null,
        };
        if (repeat?.Period is not { } period || period <= 0 || periodUcum is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Кратность приёма: timing.repeat.period (> 0) и periodUnit (min, h, d, wk, mo, a) обязательны", dp + ".timing.repeat.period");
            period = 0;
        }

        var periodUnit = periodUcum is null ? null : owner.Coding.Unit(reader, TimeUnitCode(periodUcum), dp + ".timing.repeat.periodUnit", shortName: true);
        var dayUnit = owner.Coding.Unit(reader, "24", dp + ".timing.repeat.bounds", shortName: true);
        var (doseValue, doseUnit) = PrescriptionCda.Dose(reader, owner.Coding, dosage, dp);
        var quantity = request.DispenseRequest?.Quantity;
        (CdaCode Code, string Ucum)? quantityUnit = null;
        if (quantity?.Value is not { } quantityValue || quantityValue <= 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Количество: dispenseRequest.quantity (value > 0, code 128 «Единица» справочника urn:oid:1.2.643.5.1.13.13.11.1358) обязательно", mp + ".dispenseRequest.quantity");
            quantityValue = 0;
        }
        else if ((quantity.Code ?? "128") != "128" || (quantity.System is not null && quantity.System != "urn:oid:" + PreferentialPrescriptionFhirToSemdTranslator.UnitSystem))
        {
            reader.Problem(TranslationErrorCodes.InvalidValue, "Количество единиц лекарственного препарата: единица — code 128 «Единица» справочника urn:oid:1.2.643.5.1.13.13.11.1358", mp + ".dispenseRequest.quantity.code");
        }
        else
        {
            quantityUnit = owner.Coding.Unit(reader, "128", mp + ".dispenseRequest.quantity.code", shortName: false);
        }

        if (medication is null || route is null || start is null || end is null || days < 1 || period <= 0 || periodUnit is null || dayUnit is null
            || doseUnit is null || quantityUnit is null)
        {
            return null;
        }

        return new PrescriptionItem(medication, concept?.Text, route, start[..8], end[..8], days, dayUnit.Value.Code, period, periodUnit.Value.Ucum, periodUnit.Value.Code,
            doseValue, doseUnit.Value.Ucum, doseUnit.Value.Code, quantityValue, quantityUnit.Value.Code);
    }

    private static string TimeUnitCode(string ucum) => ucum switch
    {
        "min" => "22",
        "h" => "23",
        "d" => "24",
        "wk" => "520",
        "mo" => "521",
        _ => "522",
    };

    public void Write(XmlWriter w)
    {
        foreach (var section in sections)
        {
            Action<XmlWriter> entries = section.Code.Code switch
            {
                "DOCINFO" => x => docInfo.ForEach(a => a(x)),
                "BENEFITS" => x => benefits.ForEach(a => a(x)),
                _ => x => PrescriptionCda.WriteItem(x, item!, PreferentialPrescriptionFhirToSemdTranslator.FieldOfQuantity, nullCode: true),
            };
            CdaHeaderWriter.Section(w, section, entries);
        }
    }
}
