using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads the kind-148 body (DOCINFO observations, RECIPE MedicationRequests) from a Composition and writes it as CDA.</summary>
internal sealed class PrescriptionBody(PrescriptionFhirToSemdTranslator owner, FhirHeaderReader reader, Composition composition)
{
    private const string C = "Bundle.entry[0].resource";

    private readonly List<CdaSection> sections = [];
    private readonly List<PrescriptionItem> items = [];
    private (CdaCode Value, string Time)? validity;
    private bool? commission;

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
                    var value = owner.Coding.Code(reader, (observation.Value as CodeableConcept)?.Coding, [PrescriptionFhirToSemdTranslator.ValiditySystem], op + ".valueCodeableConcept",
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

    private PrescriptionItem? ReadItem(MedicationRequest request, string mp)
    {
        var concept = request.Medication as CodeableConcept;
        var medication = owner.Coding.Code(reader, concept?.Coding, [PrescriptionFhirToSemdTranslator.MedicationSystem], mp + ".medicationCodeableConcept", "Лекарственный препарат");
        var dosage = request.DosageInstruction.FirstOrDefault();
        var dp = mp + ".dosageInstruction[0]";
        if (dosage is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "MedicationRequest.dosageInstruction обязателен", dp);
            return null;
        }

        var route = owner.Coding.Code(reader, dosage.Route?.Coding, [PrescriptionFhirToSemdTranslator.RouteSystem], dp + ".route", "Путь введения");
        var repeat = dosage.Timing?.Repeat;
        var (start, end, days) = PrescriptionCda.Course(reader, repeat, dp);
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

        var periodUnit = owner.Coding.Unit(reader, PrescriptionFhirToSemdTranslator.PeriodUnitCode(periodUcum) ?? "24", dp + ".timing.repeat.periodUnit", shortName: false);
        var dayUnit = owner.Coding.Unit(reader, "24", dp + ".timing.repeat.bounds", shortName: false);
        var (doseValue, doseUnit) = PrescriptionCda.Dose(reader, owner.Coding, dosage, dp);
        var quantity = request.DispenseRequest?.Quantity;
        (CdaCode Code, string Ucum)? quantityUnit = null;
        if (quantity?.Value is not { } quantityValue || quantityValue <= 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Количество: dispenseRequest.quantity (value > 0, system urn:oid:1.2.643.5.1.13.13.11.1358, code) обязательно", mp + ".dispenseRequest.quantity");
            quantityValue = 0;
        }
        else
        {
            quantityUnit = owner.Coding.Unit(reader, PrescriptionCda.UnitCode(quantity), mp + ".dispenseRequest.quantity.code", shortName: false);
        }

        if (medication is null || route is null || start is null || end is null || days < 1 || period <= 0 || periodUnit is null || dayUnit is null
            || doseUnit is null || quantityUnit is null)
        {
            return null;
        }

        return new PrescriptionItem(medication, concept?.Text, route, start[..8], end[..8], days, dayUnit.Value.Code, period, periodUnit.Value.Ucum, periodUnit.Value.Code,
            doseValue, doseUnit.Value.Ucum, doseUnit.Value.Code, quantityValue, quantityUnit.Value.Code);
    }

    public void Write(XmlWriter w)
    {
        foreach (var section in sections)
        {
            Action<XmlWriter>? entries = section.Code.Code switch
            {
                "DOCINFO" => WriteDocInfo,
                "RECIPE" => x => items.ForEach(item => PrescriptionCda.WriteItem(x, item, PrescriptionFhirToSemdTranslator.FieldOfQuantity, nullCode: false)),
                _ => null,
            };
            CdaHeaderWriter.Section(w, section with { Sections = [] }, entries);
        }
    }

    private void WriteDocInfo(XmlWriter w)
    {
        var (value, time) = validity!.Value;
        PrescriptionCda.Observation(w, PrescriptionFhirToSemdTranslator.FieldOfValidity, time, x => CdaValue.Cd(x, value));
        PrescriptionCda.Observation(w, PrescriptionFhirToSemdTranslator.FieldOfCommission, null, x => CdaValue.Bl(x, commission!.Value));
    }
}
