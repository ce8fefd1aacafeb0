using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of a prescription (profile <c>Schemas/fhir/prescription-148.md</c>) from an MIS document.
/// The header resources (Patient, Practitioner, PractitionerRole, organisation and department) are those of the laboratory builder,
/// so every kind shares one header convention; ids are name-based UUIDs, so the same input always gives the same Bundle.
/// </summary>
public static class PrescriptionBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string UnitSystem = "urn:oid:1.2.643.5.1.13.13.11.1358";

    /// <summary>Builds the Bundle; <paramref name="organization"/> supplies address, phone, MIS root and department.</summary>
    public static Bundle Build(PrescriptionMisDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);

        // Header resources exactly as the laboratory builder makes them (its body is dropped).
        var header = LaboratoryBundleBuilder.Build(
            new MisLaboratoryDocument(document.DocumentNumber, document.DocumentDate, document.OrganizationOid, document.Patient, document.Author,
                [new MisLabResult("0", "-", 0, "1", new MisReferenceRange(null, null, "-"), document.DocumentDate, true)]),
            organization);
        var keep = header.Entry.Where(e => e.Resource is Patient or Practitioner or PractitionerRole or Organization).ToList();
        ResourceReference RefOf<T>() where T : Resource => new(keep.First(e => e.Resource is T).FullUrl);
        var custodian = keep.First(e => e.Resource is Organization { PartOf: null }).FullUrl;

        var root = organization.MisRoot;
        var time = new DateTimeOffset(DateTime.SpecifyKind(document.DocumentDate, DateTimeKind.Unspecified), organization.UtcOffset);
        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, time, "148");
        var at = time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var patient = RefOf<Patient>();
        var role = RefOf<PractitionerRole>();

        var extra = new List<(Guid Id, Resource Resource)>();
        var validity = skeleton.Id("Observation/6004");
        extra.Add((validity, new Observation
        {
            Status = ObservationStatus.Final,
            Code = Field("6004", "Срок действия рецепта"),
            Subject = patient,
            Effective = new FhirDateTime(Date(document.ValidUntil)),
            Value = Concept("1.2.643.5.1.13.13.99.2.608", document.Validity),
        }));
        var commission = skeleton.Id("Observation/6006");
        extra.Add((commission, new Observation
        {
            Status = ObservationStatus.Final,
            Code = Field("6006", "По специальному назначению (Отметка)"),
            Subject = patient,
            Value = new FhirBoolean(document.ByCommission),
        }));
        var requests = new List<Guid>();
        var lines = new List<string>();
        for (var i = 0; i < document.Items.Count; i++)
        {
            var item = document.Items[i];
            var id = skeleton.Id("MedicationRequest/" + (i + 1).ToString(CultureInfo.InvariantCulture));
            requests.Add(id);
            var concept = Concept("1.2.643.5.1.13.13.99.2.611", item.Medication);
            concept.Text = item.Name;
            extra.Add((id, new MedicationRequest
            {
                Status = MedicationRequest.MedicationrequestStatus.Active,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Medication = concept,
                Subject = patient,
                AuthoredOn = at,
                Requester = role,
                DosageInstruction =
                [
                    new Dosage
                    {
                        Text = item.Instruction,
                        Timing = new Timing
                        {
                            Repeat = new Timing.RepeatComponent
                            {
                                Bounds = new Period { Start = Date(item.Start), End = Date(item.End) },
                                Frequency = 1,
                                Period = item.Period,
                                PeriodUnit = item.PeriodUnit switch
                                {
                                    "min" => Timing.UnitsOfTime.Min,
                                    "h" => Timing.UnitsOfTime.H,
                                    "wk" => Timing.UnitsOfTime.Wk,
                                    _ => Timing.UnitsOfTime.D,
                                },
                            },
                        },
                        Route = Concept("1.2.643.5.1.13.13.11.1468", item.Route),
                        DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = item.Dose, System = UnitSystem, Code = item.DoseUnitCode } }],
                    },
                ],
                DispenseRequest = new MedicationRequest.DispenseRequestComponent
                {
                    Quantity = new Quantity { Value = item.Quantity, System = UnitSystem, Code = item.QuantityUnitCode },
                },
            }));
            lines.Add($"Rp.: {item.Name} № {PrescriptionJsonReader.Invariant(item.Quantity)}. {item.Instruction}".TrimEnd());
        }

        var composition = new Composition
        {
            Meta = new Meta { VersionId = "1" },
            Identifier = new Identifier(Oid + root + ".50", document.DocumentNumber),
            Status = CompositionStatus.Final,
            Type = MisBundleParts.DocumentType("148", "Рецепт на лекарственный препарат (CDA) Редакция 2", "86", "Рецепт 107-1/у"),
            Subject = patient,
            Date = at,
            Author = [role],
            Title = "Рецепт на лекарственный препарат",
            Confidentiality = Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Party = role }],
            Custodian = new ResourceReference(custodian),
            Event =
            [
                new Composition.EventComponent
                {
                    Code = [new CodeableConcept(Oid + "1.2.643.5.1.13.13.99.2.726", "58", "Формирование рецепта на лекарственный препарат")],
                    Period = new Period { Start = at, End = at },
                    Detail = [role],
                },
            ],
            Section =
            [
                Section("DOCINFO", "Сведения о рецепте", [$"Срок действия рецепта: {document.Validity.Display} (до {document.ValidUntil.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)})"],
                    [MisDocumentBundle.Url(validity), MisDocumentBundle.Url(commission)]),
                Section("RECIPE", "Рецепт", lines, requests.Select(MisDocumentBundle.Url)),
            ],
        };

        skeleton.Add(skeleton.Id("Composition"), composition);
        skeleton.Bundle.Entry.AddRange(keep);
        foreach (var (id, resource) in extra)
        {
            skeleton.Add(id, resource);
        }

        return skeleton.Bundle;
    }

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CodeableConcept Field(string code, string display) =>
        new() { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.99.2.166", code, display) { Version = "5.27" }] };

    private static CodeableConcept Concept(string system, PrescriptionMisCoding coding) =>
        new() { Coding = [new Coding(Oid + system, coding.Code, coding.Display) { Version = coding.Version }] };

    private static Composition.SectionComponent Section(string code, string title, IEnumerable<string> paragraphs, IEnumerable<string> entries) => new()
    {
        Title = title,
        Code = new CodeableConcept(Oid + "1.2.643.5.1.13.13.99.2.197", code),
        Text = new Narrative
        {
            Status = Narrative.NarrativeStatus.Generated,
            Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + string.Concat(paragraphs.Select(p => "<p>" + System.Security.SecurityElement.Escape(p) + "</p>")) + "</div>",
        },
        Entry = entries.Select(e => new ResourceReference(e)).ToList(),
    };
}
