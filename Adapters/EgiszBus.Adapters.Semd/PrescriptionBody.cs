using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads the kind-148 body (DOCINFO observations, RECIPE MedicationRequests) from a Composition and writes it as CDA.</summary>
internal sealed class PrescriptionBody(PrescriptionFhirToSemdTranslator owner, FhirHeaderReader reader, Composition composition)
{
    private const string C = "Bundle.entry[0].resource";

    private readonly List<CdaSection> sections = [];
    private readonly List<Item> items = [];
    private (CdaCode Value, string Time)? validity;
    private bool? commission;

    /// <summary>One prescribed medicinal product.</summary>
    private sealed record Item(
        CdaCode Medication, string? Name, CdaCode Route, string Start, string End, int Days, CdaCode DayUnit,
        decimal Period, string PeriodUcum, CdaCode PeriodUnit, decimal Dose, string DoseUcum, CdaCode DoseUnit,
        decimal Quantity, CdaCode QuantityUnit);

    public bool Read()
    {
        var docInfo = -1;
        var recipe = -1;
        for (var i = 0; i < composition.Section.Count; i++)
        {
            if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is not { } s)
            {
                continue;
            }

            sections.Add(s);
            switch (s.Code.Code)
            {
                case "DOCINFO":
                    docInfo = i;
                    break;
                case "RECIPE":
                    recipe = i;
                    break;
                default:
                    reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {s.Code.Code} не предусмотрена для вида 148 (DOCINFO, RECIPE)", $"{C}.section[{i}].code");
                    break;
            }
        }

        foreach (var (index, code) in new[] { (docInfo, "DOCINFO"), (recipe, "RECIPE") })
        {
            if (index < 0)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            }
        }

        if (docInfo >= 0)
        {
            ReadDocInfo(composition.Section[docInfo], $"{C}.section[{docInfo}]");
        }

        if (recipe >= 0)
        {
            ReadRecipe(composition.Section[recipe], $"{C}.section[{recipe}]");
        }

        return docInfo >= 0 && recipe >= 0 && validity is not null && commission is not null && items.Count > 0;
    }

    private void ReadDocInfo(Composition.SectionComponent section, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < section.Entry.Count; e++)
        {
            var p = $"{path}.entry[{e}]";
            if (reader.Resolve(section.Entry[e], p) is not { Resource: Observation observation } target)
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, "DOCINFO: section.entry должен ссылаться на Observation", p);
                continue;
            }

            var op = $"Bundle.entry[{target.Index}].resource";
            var field = observation.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + PrescriptionFhirToSemdTranslator.FieldSystem)?.Code;
            if (field is not null)
            {
                seen.Add(field);
            }

            switch (field)
            {
                case "6004":
                    var value = owner.Code(reader, (observation.Value as CodeableConcept)?.Coding, PrescriptionFhirToSemdTranslator.ValiditySystem, op + ".valueCodeableConcept",
                        "Срок действия рецепта");
                    var until = CdaTime.ToTs((observation.Effective as FhirDateTime)?.Value);
                    if (until is null)
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "Срок действия рецепта: effectiveDateTime (дата окончания действия) обязателен", op + ".effective");
                    }
                    else if (value is not null)
                    {
                        validity = (value, until[..8]);
                    }

                    break;
                case "6006":
                    if (observation.Value is FhirBoolean { Value: { } flag })
                    {
                        commission = flag;
                    }
                    else
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "Назначение по решению врачебной комиссии: valueBoolean обязателен", op + ".value");
                    }

                    break;
                default:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "DOCINFO: Observation.code должен быть 6004 или 6006 справочника urn:oid:1.2.643.5.1.13.13.99.2.166", op + ".code");
                    break;
            }
        }

        if (validity is null && !seen.Contains("6004"))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Observation «Срок действия рецепта» (6004) обязателен", path + ".entry");
        }

        if (commission is null && !seen.Contains("6006"))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Observation «Назначение по решению врачебной комиссии» (6006) обязателен", path + ".entry");
        }
    }

    private void ReadRecipe(Composition.SectionComponent section, string path)
    {
        if (section.Entry.Count is 0 or > 3)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "RECIPE: от 1 до 3 ссылок на MedicationRequest обязательны", path + ".entry");
            return;
        }

        for (var e = 0; e < section.Entry.Count; e++)
        {
            var p = $"{path}.entry[{e}]";
            if (reader.Resolve(section.Entry[e], p) is not { Resource: MedicationRequest request } target)
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, "RECIPE: section.entry должен ссылаться на MedicationRequest", p);
                continue;
            }

            if (ReadItem(request, $"Bundle.entry[{target.Index}].resource") is { } item)
            {
                items.Add(item);
            }
        }
    }

    private Item? ReadItem(MedicationRequest request, string mp)
    {
        var concept = request.Medication as CodeableConcept;
        var medication = owner.Code(reader, concept?.Coding, PrescriptionFhirToSemdTranslator.MedicationSystem, mp + ".medicationCodeableConcept", "Лекарственный препарат");
        var dosage = request.DosageInstruction.FirstOrDefault();
        var dp = mp + ".dosageInstruction[0]";
        if (dosage is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "MedicationRequest.dosageInstruction обязателен", dp);
            return null;
        }

        var route = owner.Code(reader, dosage.Route?.Coding, PrescriptionFhirToSemdTranslator.RouteSystem, dp + ".route", "Путь введения");
        var repeat = dosage.Timing?.Repeat;
        var bounds = repeat?.Bounds as Period;
        var start = CdaTime.ToTs(bounds?.Start);
        var end = CdaTime.ToTs(bounds?.End);
        int days = 0;
        if (start is null || end is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Срок приёма: timing.repeat.boundsPeriod со start и end (даты) обязателен", dp + ".timing.repeat.bounds");
        }
        else
        {
            days = DateOnly.ParseExact(end[..8], "yyyyMMdd").DayNumber - DateOnly.ParseExact(start[..8], "yyyyMMdd").DayNumber + 1;
            if (days < 1)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "timing.repeat.boundsPeriod.end раньше start", dp + ".timing.repeat.bounds");
            }
        }

        var periodUcum = repeat?.PeriodUnit?.ToString() switch
        {
            "Min" => "min",
            "H" => "h",
            "D" => "d",
            "Wk" => "wk",
            _ => null,
        };
        if (repeat?.Period is not { } period || period <= 0 || periodUcum is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Кратность приёма: timing.repeat.period (> 0) и periodUnit (min, h, d, wk) обязательны", dp + ".timing.repeat.period");
            period = 0;
        }

        var periodUnit = owner.Unit(reader, PrescriptionFhirToSemdTranslator.PeriodUnitCode(periodUcum) ?? "24", dp + ".timing.repeat.periodUnit");
        var dayUnit = owner.Unit(reader, "24", dp + ".timing.repeat.bounds");
        var dose = dosage.DoseAndRate.FirstOrDefault()?.Dose as Quantity;
        (CdaCode Code, string Ucum)? doseUnit = null;
        if (dose?.Value is not { } doseValue || doseValue <= 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Разовая доза: doseAndRate[0].doseQuantity (value > 0, system urn:oid:1.2.643.5.1.13.13.11.1358, code) обязательна", dp + ".doseAndRate[0].doseQuantity");
            doseValue = 0;
        }
        else
        {
            doseUnit = owner.Unit(reader, UnitCode(dose), dp + ".doseAndRate[0].doseQuantity.code");
        }

        var quantity = request.DispenseRequest?.Quantity;
        (CdaCode Code, string Ucum)? quantityUnit = null;
        if (quantity?.Value is not { } quantityValue || quantityValue <= 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Количество: dispenseRequest.quantity (value > 0, system urn:oid:1.2.643.5.1.13.13.11.1358, code) обязательно", mp + ".dispenseRequest.quantity");
            quantityValue = 0;
        }
        else
        {
            quantityUnit = owner.Unit(reader, UnitCode(quantity), mp + ".dispenseRequest.quantity.code");
        }

        if (medication is null || route is null || start is null || end is null || days < 1 || period <= 0 || periodUnit is null || dayUnit is null
            || doseUnit is null || quantityUnit is null)
        {
            return null;
        }

        return new Item(medication, concept?.Text, route, start[..8], end[..8], days, dayUnit.Value.Code, period, periodUnit.Value.Ucum, periodUnit.Value.Code,
            doseValue, doseUnit.Value.Ucum, doseUnit.Value.Code, quantityValue, quantityUnit.Value.Code);
    }

    private static string? UnitCode(Quantity q) => q.System == "urn:oid:" + PrescriptionFhirToSemdTranslator.UnitSystem ? q.Code : null;

    public void Write(XmlWriter w)
    {
        foreach (var section in sections)
        {
            Action<XmlWriter>? entries = section.Code.Code switch
            {
                "DOCINFO" => WriteDocInfo,
                "RECIPE" => x => items.ForEach(item => WriteItem(x, item)),
                _ => null,
            };
            CdaHeaderWriter.Section(w, section with { Sections = [] }, entries);
        }
    }

    private void WriteDocInfo(XmlWriter w)
    {
        var (value, time) = validity!.Value;
        Observation(w, PrescriptionFhirToSemdTranslator.FieldOfValidity, time, x =>
        {
            x.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
            CdaHeaderWriter.CodedAttributes(x, value);
        });
        Observation(w, PrescriptionFhirToSemdTranslator.FieldOfCommission, null, x =>
        {
            x.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "BL");
            x.WriteAttributeString("value", commission!.Value ? "true" : "false");
        });
    }

    private static void Observation(XmlWriter w, CdaCode code, string? time, Action<XmlWriter> value)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        if (time is not null)
        {
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", time));
        }

        w.WriteStartElement("value");
        value(w);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteItem(XmlWriter w, Item item)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("substanceAdministration");
        w.WriteAttributeString("classCode", "SBADM");
        w.WriteAttributeString("moodCode", "RQO");
        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "IVL_TS");
        CdaHeaderWriter.Empty(w, "low", ("value", item.Start));
        CdaHeaderWriter.Empty(w, "high", ("value", item.End));
        w.WriteEndElement();
        CdaHeaderWriter.Coded(w, "routeCode", item.Route);
        w.WriteStartElement("consumable");
        w.WriteAttributeString("typeCode", "CSM");
        w.WriteStartElement("manufacturedProduct");
        w.WriteAttributeString("classCode", "MANU");
        w.WriteStartElement("manufacturedMaterial");
        w.WriteAttributeString("classCode", "MMAT");
        w.WriteAttributeString("determinerCode", "KIND");
        CdaHeaderWriter.Coded(w, "code", item.Medication);
        if (!string.IsNullOrWhiteSpace(item.Name))
        {
            CdaHeaderWriter.Text(w, "name", item.Name);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        // Dosage: course length (width in days), frequency (PIVL_TS period), single dose.
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        w.WriteStartElement("substanceAdministration");
        w.WriteAttributeString("classCode", "SBADM");
        w.WriteAttributeString("moodCode", "RQO");
        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "IVL_TS");
        Quantity(w, "width", item.Days, "d", item.DayUnit);
        w.WriteEndElement();
        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PIVL_TS");
        w.WriteAttributeString("institutionSpecified", "true");
        Quantity(w, "period", item.Period, item.PeriodUcum, item.PeriodUnit);
        w.WriteEndElement();
        Quantity(w, "doseQuantity", item.Dose, item.DoseUcum, item.DoseUnit);
        w.WriteStartElement("consumable");
        w.WriteAttributeString("typeCode", "CSM");
        w.WriteStartElement("manufacturedProduct");
        w.WriteAttributeString("classCode", "MANU");
        CdaHeaderWriter.Empty(w, "manufacturedMaterial", ("nullFlavor", "NA"));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        // Quantity prescribed (6011), in units «U» with the 1358 unit as translation.
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", PrescriptionFhirToSemdTranslator.FieldOfQuantity);
        w.WriteStartElement("value");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PQ");
        w.WriteAttributeString("value", PrescriptionFhirToSemdTranslator.Number(item.Quantity));
        w.WriteAttributeString("unit", "U");
        Translation(w, item.Quantity, item.QuantityUnit);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Quantity(XmlWriter w, string name, decimal value, string ucum, CdaCode unit)
    {
        w.WriteStartElement(name);
        w.WriteAttributeString("value", PrescriptionFhirToSemdTranslator.Number(value));
        w.WriteAttributeString("unit", ucum);
        Translation(w, value, unit);
        w.WriteEndElement();
    }

    private static void Translation(XmlWriter w, decimal value, CdaCode unit)
    {
        w.WriteStartElement("translation");
        w.WriteAttributeString("value", PrescriptionFhirToSemdTranslator.Number(value));
        CdaHeaderWriter.CodedAttributes(w, unit);
        w.WriteEndElement();
    }
}
