using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/dischargesummary-147.md</c> from a <see cref="MisDischargeSummaryDocument"/>
/// and the organisation's entry of the regional profile, in the shape of <c>Samples/Documents/Fhir/DischargeSummary-147-01.json</c>.
/// Deterministic: every id is a name-based UUID (v5) of the document id, <c>Bundle.timestamp</c> is the document time.
/// </summary>
public static class DischargeSummaryBundleBuilder
{
    private static readonly Dictionary<string, string> ServiceForms = new(StringComparer.Ordinal)
    {
        ["1"] = "плановая",
        ["2"] = "экстренная",
        ["3"] = "неотложная",
    };

    private const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    private const string SeveritySystem = "1.2.643.5.1.13.13.11.1006";
    private const string RepeatSystem = "1.2.643.5.1.13.13.11.1007";
    private const string NosologySystem = "1.2.643.5.1.13.13.11.1077";
    private const string ValiditySystem = "1.2.643.5.1.13.13.99.2.795";
    private const string ReasonSystem = "1.2.643.5.1.13.13.99.2.784";
    private const string ChannelSystem = "1.2.643.5.1.13.13.11.1496";
    private const string BedProfileSystem = "1.2.643.5.1.13.13.11.1069";
    private const string ResultSystem = "1.2.643.5.1.13.13.11.1046";
    private const string DispositionSystem = "1.2.643.5.1.13.13.11.1470";
    private const string ServiceSystem = "1.2.643.5.1.13.13.11.1070";

    // Public FNSI dumps (see Schemas/fhir/dischargesummary-147.md): 1006 v2.4, 1007 v2.1.
    private static readonly Dictionary<string, string> Severities = new(StringComparer.Ordinal)
    {
        ["1"] = "Удовлетворительное", ["2"] = "Средней тяжести", ["3"] = "Тяжелое", ["4"] = "Крайне тяжелое", ["5"] = "Клиническая смерть", ["6"] = "Терминальное",
    };

    private static readonly Dictionary<string, string> Repeats = new(StringComparer.Ordinal) { ["1"] = "Первичный", ["2"] = "Повторный" };

    private static readonly MisCoding InpatientCard = new("2", "Медицинская карта стационарного больного", "1.1");

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MisDischargeSummaryDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        var parts = new ConsultationFhirParts(organization, document.DocumentNumber);
        var bundle = parts.Bundle;
        bundle.Timestamp = parts.Local(document.DocumentDate);

        var compositionId = parts.Id("Composition");
        var patientId = parts.Id("Patient");
        var practitionerId = parts.Id("Practitioner");
        var roleId = parts.Id("PractitionerRole");
        var organizationId = parts.Id("Organization");
        var encounterId = parts.Id("Encounter");
        var insurerId = parts.Id("Insurer");
        var coverageId = parts.Id("Coverage");

        var composition = parts.Composition(document.DocumentNumber, document.DocumentDate, patientId, roleId, organizationId);
        composition.Type = ConsultationFhirParts.DocumentType("147", "Эпикриз в стационаре выписной (CDA) Редакция 5", "1", "Эпикриз в стационаре выписной");
        composition.Title = "Выписной эпикриз";
        composition.Encounter = ConsultationFhirParts.Ref(encounterId);
        composition.Event = [ConsultationFhirParts.Event("13", "Госпитализация", new Period { Start = parts.Fhir(document.Admitted), End = parts.Fhir(document.Discharged) }, roleId)];

        var d = document.Details;
        var observations = new List<(Guid Id, Observation Resource)>();
        ResourceReference Fact(string name, string field, DataType value, string? note = null)
        {
            var id = parts.Id("Observation/" + name);
            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = ConsultationFhirParts.Concept(FieldSystem, field),
                Subject = ConsultationFhirParts.Ref(patientId),
                Value = value,
            };
            if (note is not null)
            {
                observation.Note.Add(new Annotation { Text = note });
            }

            observations.Add((id, observation));
            return ConsultationFhirParts.Ref(id);
        }

        var conditions = new List<(Guid Id, Condition Resource)>();
        IEnumerable<ResourceReference> Diagnoses(string name, IReadOnlyList<MisConsultationDiagnosis> list, bool final)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var id = parts.Id($"Condition/{name}/{i + 1}");
                var condition = ConsultationFhirParts.Condition(list[i], patientId);
                // The first diagnosis is the main disease (1077 code 1), the others concomitant (3); the final main one is «заключительный клинический» (795 code 3).
                condition.Category = [ConsultationFhirParts.Concept(NosologySystem, i == 0 ? "1" : "3", i == 0 ? "Основное заболевание" : "Сопутствующее заболевание", "2.2")];
                if (final && i == 0)
                {
                    condition.Category.Add(ConsultationFhirParts.Concept(ValiditySystem, "3", "Заключительный клинический диагноз", "3.1"));
                }

                conditions.Add((id, condition));
                yield return ConsultationFhirParts.Ref(id);
            }
        }

        static CodeableConcept Coded(string system, MisCoding c) => ConsultationFhirParts.Concept(system, c.Code, c.Display, c.Version);

        var departments = new List<(Guid Id, Resource Resource)>();
        var route = Section("PATIENTROUTE", "Пребывание в стационаре", document.Stay);
        for (var i = 0; i < d.Departments.Count; i++)
        {
            var department = d.Departments[i];
            var locationId = parts.Id($"Location/{i + 1}");
            var stayId = parts.Id($"Encounter/department/{i + 1}");
            departments.Add((locationId, new Location
            {
                Identifier = [new Identifier("urn:ietf:rfc:3986", ConsultationFhirParts.Oid + department.Oid)],
                Name = department.Name,
            }));
            departments.Add((stayId, new Encounter
            {
                Status = Encounter.EncounterStatus.Finished,
                Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
                ServiceType = Coded(BedProfileSystem, department.BedProfile),
                Subject = ConsultationFhirParts.Ref(patientId),
                Participant = [new Encounter.ParticipantComponent { Individual = ConsultationFhirParts.Ref(roleId) }],
                Period = new Period { Start = parts.Fhir(department.Admitted), End = parts.Fhir(department.Discharged) },
                Location = [new Encounter.LocationComponent { Location = ConsultationFhirParts.Ref(locationId) }],
            }));
            route.Section.Add(Section("DEPARTINFO", department.Name, department.Text, [ConsultationFhirParts.Ref(stayId)]));
        }

        var procedures = new List<(Guid Id, Procedure Resource)>();
        foreach (var service in d.Services)
        {
            var id = parts.Id("Procedure/" + service.Id);
            procedures.Add((id, new Procedure
            {
                Identifier = [new Identifier(ConsultationFhirParts.Oid + parts.Root + ".52", service.Id)],
                Status = EventStatus.Completed,
                Code = ConsultationFhirParts.Concept(ServiceSystem, service.Code),
                Subject = ConsultationFhirParts.Ref(patientId),
                Performed = new FhirDateTime(parts.Fhir(service.Performed)),
            }));
        }

        var hosp = Section("HOSP", "Сведения о госпитализации", document.Summary,
        [
            Fact("6051", "6051", Coded(ReasonSystem, d.Reason)),
            Fact("6023", "6023", new FhirBoolean(d.AdmissionSign)),
            Fact("6022", "6022", ConsultationFhirParts.Concept(RepeatSystem, d.Repeat, Repeats[d.Repeat], "2.1")),
            Fact("6042", "6042", Coded(ChannelSystem, d.Channel)),
        ]);
        hosp.Section.Add(Section("ANAM", "Анамнез заболевания", document.DiseaseHistory, [Fact("ANAM/7006", "7006", new FhirString(document.DiseaseHistory))]));
        var admission = Section("STATEADM", "Состояние при поступлении", document.AdmissionState,
        [
            Fact("STATEADM/804", "804", ConsultationFhirParts.Concept(SeveritySystem, d.AdmissionSeverity, Severities[d.AdmissionSeverity], "2.4"), document.AdmissionState),
            Fact("STATEADM/835", "835", new FhirString(d.Complaints)),
        ]);
        admission.Section.Add(Section("DGN", "Диагноз при поступлении", string.Join("\n", d.AdmissionDiagnoses.Select(ConsultationFhirParts.DiagnosisLine)),
            Diagnoses("admission", d.AdmissionDiagnoses, final: false).ToList()));
        hosp.Section.Add(admission);
        hosp.Section.Add(Section("LANAM", "Анамнез жизни", d.LifeHistory, [Fact("LANAM/7006", "7006", new FhirString(d.LifeHistory))]));
        hosp.Section.Add(route);
        var discharge = Section("STATEDIS", "Состояние при выписке", document.DischargeState,
        [
            Fact("STATEDIS/804", "804", ConsultationFhirParts.Concept(SeveritySystem, d.DischargeSeverity, Severities[d.DischargeSeverity], "2.4")),
            Fact("STATEDIS/818", "818", Coded(ResultSystem, d.Result)),
            Fact("STATEDIS/6036", "6036", new FhirBoolean(d.SuspectedCancer)),
            Fact("STATEDIS/6037", "6037", new FhirBoolean(d.IndividualPost)),
        ]);
        discharge.Section.Add(Section("DGN", "Заключительный клинический диагноз", string.Join("\n", document.Diagnoses.Select(ConsultationFhirParts.DiagnosisLine)),
            Diagnoses("discharge", document.Diagnoses, final: true).ToList()));
        discharge.Section.Add(Section("REGIME", "Рекомендации", document.Recommendations, [Fact("REGIME/807", "807", new FhirString(document.Recommendations))]));
        hosp.Section.Add(discharge);
        composition.Section.Add(hosp);
        composition.Section.Add(Section("SERVICES", "Оказанные медицинские услуги",
            string.Join("; ", d.Services.Select(s => s.Code + " " + s.Performed.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture))),
            procedures.Select(p => ConsultationFhirParts.Ref(p.Id)).ToList()));

        parts.Add(compositionId, composition);
        parts.Add(patientId, parts.Patient(document.Patient, document.PatientAddress));
        parts.Add(practitionerId, parts.Practitioner(document.Author));
        parts.Add(roleId, ConsultationFhirParts.Role(document.Author, practitionerId, organizationId));
        parts.Add(organizationId, parts.MedicalOrganization());
        var encounter = parts.Encounter(patientId, "IMP", document.CaseNumber, ".16", document.CardNumber, InpatientCard, document.Admitted, document.Discharged);
        encounter.Priority = ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1551", document.ServiceForm, ServiceForms[document.ServiceForm], "1.1");
        encounter.Hospitalization = new Encounter.HospitalizationComponent
        {
            DischargeDisposition = ConsultationFhirParts.Concept(DispositionSystem, d.Disposition.Code, d.Disposition.Display, d.Disposition.Version),
        };
        parts.Add(encounterId, encounter);
        foreach (var (id, resource) in departments.Concat(observations.Select(o => (o.Id, (Resource)o.Resource)))
            .Concat(conditions.Select(c => (c.Id, (Resource)c.Resource))).Concat(procedures.Select(p => (p.Id, (Resource)p.Resource))))
        {
            parts.Add(id, resource);
        }

        parts.Add(insurerId, new Organization
        {
            Identifier = [new Identifier("urn:oid:1.2.643.5.1.13.13.99.2.183", document.Insurer.Code)],
            Name = document.Insurer.Name,
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, document.Insurer.Phone)],
            Address = [ConsultationFhirParts.Address(document.Insurer.Address)],
        });
        parts.Add(coverageId, new Coverage
        {
            Status = FinancialResourceStatusCodes.Active,
            Type = ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1039", "1", "Средства обязательного медицинского страхования", "5.2"),
            Beneficiary = ConsultationFhirParts.Ref(patientId),
            Payor = [ConsultationFhirParts.Ref(insurerId)],
            Period = document.Insurer.PolicyStart is { } from ? new Period { Start = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } : null,
        });
        return bundle;
    }

    /// <summary>A section of 1.2.643.5.1.13.13.99.2.197 (code only: the SEMD translator adds name and version from its snapshot).</summary>
    private static Composition.SectionComponent Section(string code, string title, string text, List<ResourceReference>? entries = null) => new()
    {
        Title = title,
        Code = new CodeableConcept { Coding = [new Coding(ConsultationFhirParts.SectionSystem, code)] },
        Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = ConsultationFhirParts.Xhtml(text) },
        Entry = entries ?? [],
    };
}
