using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR document Bundle of kind 141 (profile <c>Schemas/fhir/preferentialprescription-141.md</c>) from a
/// <see cref="PreferentialPrescriptionMisDocument"/>: the kind-148 Bundle of <see cref="PrescriptionBundleBuilder"/> re-typed to 141/37,
/// with the encounter, DOCINFO series/number/11001/diagnosis and the BENEFITS section added. Deterministic ids (UUID v5).
/// </summary>
public static class PreferentialPrescriptionBundleBuilder
{
    private const string Oid = "urn:oid:";

    /// <summary>Builds the Bundle; <paramref name="organization"/> supplies address, phone, MIS root and department.</summary>
    public static Bundle Build(PreferentialPrescriptionMisDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        var bundle = PrescriptionBundleBuilder.Build(document.Prescription, organization);
        var root = organization.MisRoot;
        var baseName = root + ".51/" + document.Prescription.DocumentNumber + "/141";
        Guid Id(string part) => MisUuid.Create(baseName + "/" + part);
        bundle.Id = MisUuid.Create(baseName).ToString("D");
        var composition = (Composition)bundle.Entry[0].Resource!;
        composition.Type = new CodeableConcept
        {
            Coding =
            [
                new Coding(Oid + "1.2.643.5.1.13.13.11.1520", "141",
                    "Льготный рецепт на лекарственный препарат, изделие медицинского назначения и специализированный продукт лечебного питания (CDA) Редакция 4"),
                new Coding(Oid + "1.2.643.5.1.13.13.11.1522", "37",
                    "Льготный рецепт на лекарственный препарат, изделие медицинского назначения и специализированный продукт лечебного питания"),
            ],
        };
        composition.Title = "Льготный рецепт на лекарственный препарат";
        var patient = composition.Subject ?? throw new InvalidOperationException("The kind-148 builder always sets Composition.subject.");

        var extra = new List<(Guid Id, Resource Resource)>();
        var encounter = Id("Encounter");
        var period = composition.Event.FirstOrDefault()?.Period;
        extra.Add((encounter, new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Identifier = [new Identifier(Oid + root + ".15", document.CaseId), new Identifier(Oid + root + ".17", document.CardId)],
            Type = [new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.99.2.723", "1", "Амбулаторная медицинская карта") { Version = "1.1" }] }],
            Subject = patient,
            Period = new Period { Start = period?.Start, End = period?.End },
        }));
        composition.Encounter = MisDocumentBundle.Ref(encounter);

        Observation Obs(string code, string display, DataType value) => new()
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.99.2.166", code, display) { Version = "5.27" }] },
            Subject = patient,
            Value = value,
        };
        CodeableConcept Concept(string system, PrescriptionMisCoding c) => new() { Coding = [new Coding(Oid + system, c.Code, c.Display) { Version = c.Version }] };

        var docInfo = new List<Guid>();
        foreach (var (part, resource) in new (string, Resource)[]
        {
            ("Observation/6001", Obs("6001", "Серия рецепта", new FhirString(document.Series))),
            ("Observation/6002", Obs("6002", "Номер рецепта", new FhirString(document.Number))),
            ("Observation/11001", Obs("11001", "Наличие хронических заболеваний", new FhirBoolean(document.Electronic))),
            ("Condition", new Condition { Code = new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.11.1005", document.DiagnosisCode, null)] }, Subject = patient }),
        })
        {
            var id = Id(part);
            extra.Add((id, resource));
            docInfo.Add(id);
        }

        var benefits = new List<Guid>();
        foreach (var (part, resource) in new (string, Resource)[]
        {
            ("Observation/811", Obs("811", "Льготная категория", Concept("1.2.643.5.1.13.13.99.2.541", document.Benefit))),
            ("Observation/6009", Obs("6009", "Размер льготы (код)", Concept("1.2.643.5.1.13.13.99.2.605", document.Financing))),
            ("Observation/6010", Obs("6010", "Размер льготы (значение в процентах)", new Quantity { Value = document.PaymentPercent, Unit = "%", System = Oid + "1.2.643.5.1.13.13.11.1358", Code = "53" })),
        })
        {
            var id = Id(part);
            extra.Add((id, resource));
            benefits.Add(id);
        }

        var info = composition.Section.First(s => s.Code?.Coding.FirstOrDefault()?.Code == "DOCINFO");
        info.Text ??= new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"></div>" };
        info.Entry.AddRange(docInfo.Select(MisDocumentBundle.Ref));
        info.Text.Div = (info.Text.Div ?? string.Empty).Replace("<div xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + System.Security.SecurityElement.Escape($"Рецепт серии {document.Series} № {document.Number}, диагноз {document.DiagnosisCode}") + "</p>",
            StringComparison.Ordinal);
        var percent = document.PaymentPercent.ToString(CultureInfo.InvariantCulture);
        composition.Section.Insert(composition.Section.IndexOf(info) + 1, new Composition.SectionComponent
        {
            Title = "Льготы",
            Code = new CodeableConcept(Oid + "1.2.643.5.1.13.13.99.2.197", "BENEFITS"),
            Text = new Narrative
            {
                Status = Narrative.NarrativeStatus.Generated,
                Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + System.Security.SecurityElement.Escape(
                    $"Категория льготы: {document.Benefit.Code} {document.Benefit.Display}; источник финансирования: {document.Financing.Display}; оплата {percent} %") + "</p></div>",
            },
            Entry = benefits.Select(MisDocumentBundle.Ref).ToList(),
        });

        foreach (var (id, resource) in extra)
        {
            resource.Id = id.ToString("D");
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = MisDocumentBundle.Url(id), Resource = resource });
        }

        return bundle;
    }
}
