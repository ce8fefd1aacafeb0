using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/laboratory-186.md</c> from a <see cref="MisLaboratoryDocument"/>
/// and the organisation's entry of the regional profile. Deterministic: every id is a name-based UUID (v5) of the document id,
/// <c>Bundle.timestamp</c> is the document time, so the same input gives the same Bundle.
/// </summary>
public static class LaboratoryBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string SnilsSystem = "urn:oid:1.2.643.100.3";
    private const string InterpretationSystem = "1.2.643.5.1.13.13.99.2.257";
    private const string UnitSystem = Oid + "1.2.643.5.1.13.13.11.1358";

    private static readonly Dictionary<string, string> Interpretations = new(StringComparer.Ordinal)
    {
        ["1"] = "Норма",
        ["2"] = "Выше нормы",
        ["3"] = "Ниже нормы",
    };

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MisLaboratoryDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        var root = organization.MisRoot;
        DateTimeOffset Local(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), organization.UtcOffset);

        var collected = document.Results.Select(r => r.SpecimenDate).ToList();
        var documentTime = Local(document.DocumentDate);
        var latestCollection = Local(collected.Max());
        if (latestCollection > documentTime)
        {
            documentTime = latestCollection;
        }

        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, documentTime);
        var compositionId = skeleton.Id("Composition");
        var patientId = skeleton.Id("Patient");
        var practitionerId = skeleton.Id("Practitioner");
        var roleId = skeleton.Id("PractitionerRole");
        var organizationId = skeleton.Id("Organization");
        var departmentId = skeleton.Id("Department");
        var deviceId = skeleton.Id("Device");
        var reportId = skeleton.Id("DiagnosticReport");

        // Specimens: one per distinct collection time.
        var specimenIds = new Dictionary<DateTime, Guid>();
        var specimens = new List<(Guid Id, Specimen Resource)>();
        foreach (var time in collected.Distinct().Order())
        {
            var number = specimens.Count + 1;
            var id = skeleton.Id("Specimen/" + number.ToString(CultureInfo.InvariantCulture));
            specimenIds[time] = id;
            var at = MisBundleParts.Fhir(Local(time));
            specimens.Add((id, new Specimen
            {
                Identifier = [new Identifier(Oid + root + ".66", $"{document.DocumentNumber}-{number}")],
                Type = Concept("1.2.643.5.1.13.13.99.2.1019", organization.SpecimenType),
                Subject = MisDocumentBundle.Ref(patientId),
                ReceivedTime = at,
                Collection = new Specimen.CollectionComponent { Collected = new Period { Start = at, End = at } },
            }));
        }

        var observations = new List<(Guid Id, Observation Resource)>();
        for (var i = 0; i < document.Results.Count; i++)
        {
            var r = document.Results[i];
            var id = skeleton.Id("Observation/" + (i + 1).ToString(CultureInfo.InvariantCulture));
            var interpretation = r.ReferenceRange.Interpret(r.Value);
            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1080", r.TestCode, r.TestName),
                Subject = MisDocumentBundle.Ref(patientId),
                Effective = new FhirDateTime(MisBundleParts.Fhir(documentTime)),
                Performer = [MisDocumentBundle.Ref(roleId)],
                Value = Quantity(r.Value, r.UnitCode),
                Interpretation =
                [
                    new CodeableConcept
                    {
                        Coding = [new Coding(Oid + InterpretationSystem, interpretation, Interpretations[interpretation]) { Version = "1.1" }],
                    },
                ],
                Specimen = MisDocumentBundle.Ref(specimenIds[r.SpecimenDate]),
                Device = MisDocumentBundle.Ref(deviceId),
                ReferenceRange =
                [
                    new Observation.ReferenceRangeComponent
                    {
                        Low = r.ReferenceRange.Low is { } low ? Quantity(low, r.UnitCode) : null,
                        High = r.ReferenceRange.High is { } high ? Quantity(high, r.UnitCode) : null,
                        Text = r.ReferenceRange.Text,
                    },
                ],
            };
            observations.Add((id, observation));
        }

        var composition = new Composition
        {
            Meta = new Meta { VersionId = "1" },
            Identifier = new Identifier(Oid + root + ".50", document.DocumentNumber),
            Status = CompositionStatus.Final,
            Type = MisBundleParts.DocumentType("186", "Протокол лабораторного исследования (CDA) Редакция 5", "7", "Протокол лабораторного исследования"),
            Subject = MisDocumentBundle.Ref(patientId),
            Date = MisBundleParts.Fhir(documentTime),
            Author = [MisDocumentBundle.Ref(roleId)],
            Title = "Протокол лабораторного исследования",
            Confidentiality = Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Party = MisDocumentBundle.Ref(roleId) }],
            Custodian = MisDocumentBundle.Ref(organizationId),
            Section =
            [
                Section("SPECIMENS", "Информация об исследованных материалах", specimens.Select(s => MisDocumentBundle.Ref(s.Id))),
                Section("ANALYSERS", "Информация об использованном оборудовании и расходных материалах", [MisDocumentBundle.Ref(deviceId)]),
                Section("RESLAB", "Результаты лабораторного исследования", new[] { MisDocumentBundle.Ref(reportId) }.Concat(observations.Select(o => MisDocumentBundle.Ref(o.Id)))),
            ],
        };

        var patient = MisBundleParts.Patient(document.Patient, root, organization);

        var practitioner = MisBundleParts.Practitioner(document.Author, root);

        var role = new PractitionerRole
        {
            Practitioner = MisDocumentBundle.Ref(practitionerId),
            Organization = MisDocumentBundle.Ref(departmentId),
            Code = [new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1002", document.Author.PositionCode)],
        };

        var mo = MisBundleParts.Organization(organization);

        var department = MisBundleParts.Department(organization, MisDocumentBundle.Ref(organizationId));

        var device = new Device
        {
            Identifier = [new Identifier(Oid + root + ".67", organization.Analyser.Id)],
            DeviceName = [new Device.DeviceNameComponent { Name = organization.Analyser.Model, Type = DeviceNameType.ModelName }],
        };

        var report = new DiagnosticReport
        {
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Code = new CodeableConcept { Text = "Лабораторное исследование" },
            Subject = MisDocumentBundle.Ref(patientId),
            Effective = new Period { Start = MisBundleParts.Fhir(Local(collected.Min())), End = MisBundleParts.Fhir(documentTime) },
            Issued = documentTime,
            Performer = [MisDocumentBundle.Ref(roleId)],
            Specimen = specimens.Select(s => MisDocumentBundle.Ref(s.Id)).ToList(),
            Result = observations.Select(o => MisDocumentBundle.Ref(o.Id)).ToList(),
        };

        skeleton.Add(compositionId, composition);
        skeleton.Add(patientId, patient);
        skeleton.Add(practitionerId, practitioner);
        skeleton.Add(roleId, role);
        skeleton.Add(organizationId, mo);
        skeleton.Add(departmentId, department);
        foreach (var (id, specimen) in specimens)
        {
            skeleton.Add(id, specimen);
        }

        skeleton.Add(deviceId, device);
        skeleton.Add(reportId, report);
        foreach (var (id, observation) in observations)
        {
            skeleton.Add(id, observation);
        }

        return skeleton.Bundle;
    }

    private static Quantity Quantity(decimal value, string unitCode) => new() { Value = value, System = UnitSystem, Code = unitCode };

    private static Composition.SectionComponent Section(string code, string title, IEnumerable<ResourceReference> entries) => new()
    {
        Title = title,
        Code = new CodeableConcept(Oid + "1.2.643.5.1.13.13.99.2.197", code, title),
        Entry = entries.ToList(),
    };

    private static CodeableConcept Concept(string system, MisCoding coding) => MisBundleParts.Coded(system, coding);
}
