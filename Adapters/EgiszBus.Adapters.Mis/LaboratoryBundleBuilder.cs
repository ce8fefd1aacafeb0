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
        var documentRoot = root + ".51";
        var baseName = documentRoot + "/" + document.DocumentNumber;
        Guid Id(string part) => MisUuid.Create(baseName + "/" + part);
        string Url(Guid id) => "urn:uuid:" + id.ToString("D");
        ResourceReference Ref(Guid id) => new(Url(id));
        DateTimeOffset Local(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), organization.UtcOffset);

        var collected = document.Results.Select(r => r.SpecimenDate).ToList();
        var documentTime = Local(document.DocumentDate);
        var latestCollection = Local(collected.Max());
        if (latestCollection > documentTime)
        {
            documentTime = latestCollection;
        }

        var compositionId = Id("Composition");
        var patientId = Id("Patient");
        var practitionerId = Id("Practitioner");
        var roleId = Id("PractitionerRole");
        var organizationId = Id("Organization");
        var departmentId = Id("Department");
        var deviceId = Id("Device");
        var reportId = Id("DiagnosticReport");

        var bundle = new Bundle
        {
            Id = MisUuid.Create(baseName).ToString("D"),
            Identifier = new Identifier(Oid + documentRoot, document.DocumentNumber),
            Type = Bundle.BundleType.Document,
            Timestamp = documentTime,
        };

        void Add(Guid id, Resource resource)
        {
            resource.Id = id.ToString("D");
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Url(id), Resource = resource });
        }

        // Specimens: one per distinct collection time.
        var specimenIds = new Dictionary<DateTime, Guid>();
        var specimens = new List<(Guid Id, Specimen Resource)>();
        foreach (var time in collected.Distinct().Order())
        {
            var number = specimens.Count + 1;
            var id = Id("Specimen/" + number.ToString(CultureInfo.InvariantCulture));
            specimenIds[time] = id;
            var at = MisBundleParts.Fhir(Local(time));
            specimens.Add((id, new Specimen
            {
                Identifier = [new Identifier(Oid + root + ".66", $"{document.DocumentNumber}-{number}")],
                Type = Concept("1.2.643.5.1.13.13.99.2.1019", organization.SpecimenType),
                Subject = Ref(patientId),
                ReceivedTime = at,
                Collection = new Specimen.CollectionComponent { Collected = new Period { Start = at, End = at } },
            }));
        }

        var observations = new List<(Guid Id, Observation Resource)>();
        for (var i = 0; i < document.Results.Count; i++)
        {
            var r = document.Results[i];
            var id = Id("Observation/" + (i + 1).ToString(CultureInfo.InvariantCulture));
            var interpretation = r.ReferenceRange.Interpret(r.Value);
            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1080", r.TestCode, r.TestName),
                Subject = Ref(patientId),
                Effective = new FhirDateTime(MisBundleParts.Fhir(documentTime)),
                Performer = [Ref(roleId)],
                Value = Quantity(r.Value, r.UnitCode),
                Interpretation =
                [
                    new CodeableConcept
                    {
                        Coding = [new Coding(Oid + InterpretationSystem, interpretation, Interpretations[interpretation]) { Version = "1.1" }],
                    },
                ],
                Specimen = Ref(specimenIds[r.SpecimenDate]),
                Device = Ref(deviceId),
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
            Type = new CodeableConcept
            {
                Coding =
                [
                    new Coding(Oid + "1.2.643.5.1.13.13.11.1520", "186", "Протокол лабораторного исследования (CDA) Редакция 5"),
                    new Coding(Oid + "1.2.643.5.1.13.13.11.1522", "7", "Протокол лабораторного исследования"),
                ],
            },
            Subject = Ref(patientId),
            Date = MisBundleParts.Fhir(documentTime),
            Author = [Ref(roleId)],
            Title = "Протокол лабораторного исследования",
            Confidentiality = Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Party = Ref(roleId) }],
            Custodian = Ref(organizationId),
            Section =
            [
                Section("SPECIMENS", "Информация об исследованных материалах", specimens.Select(s => Ref(s.Id))),
                Section("ANALYSERS", "Информация об использованном оборудовании и расходных материалах", [Ref(deviceId)]),
                Section("RESLAB", "Результаты лабораторного исследования", new[] { Ref(reportId) }.Concat(observations.Select(o => Ref(o.Id)))),
            ],
        };

        var patient = MisBundleParts.Patient(document.Patient, root, organization);

        var practitioner = MisBundleParts.Practitioner(document.Author, root);

        var role = new PractitionerRole
        {
            Practitioner = Ref(practitionerId),
            Organization = Ref(departmentId),
            Code = [new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1002", document.Author.PositionCode)],
        };

        var mo = MisBundleParts.Organization(organization);

        var department = MisBundleParts.Department(organization, Ref(organizationId));

        var device = new Device
        {
            Identifier = [new Identifier(Oid + root + ".67", organization.Analyser.Id)],
            DeviceName = [new Device.DeviceNameComponent { Name = organization.Analyser.Model, Type = DeviceNameType.ModelName }],
        };

        var report = new DiagnosticReport
        {
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Code = new CodeableConcept { Text = "Лабораторное исследование" },
            Subject = Ref(patientId),
            Effective = new Period { Start = MisBundleParts.Fhir(Local(collected.Min())), End = MisBundleParts.Fhir(documentTime) },
            Issued = documentTime,
            Performer = [Ref(roleId)],
            Specimen = specimens.Select(s => Ref(s.Id)).ToList(),
            Result = observations.Select(o => Ref(o.Id)).ToList(),
        };

        Add(compositionId, composition);
        Add(patientId, patient);
        Add(practitionerId, practitioner);
        Add(roleId, role);
        Add(organizationId, mo);
        Add(departmentId, department);
        foreach (var (id, specimen) in specimens)
        {
            Add(id, specimen);
        }

        Add(deviceId, device);
        Add(reportId, report);
        foreach (var (id, observation) in observations)
        {
            Add(id, observation);
        }

        return bundle;
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
