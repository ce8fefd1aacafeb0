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
        var conditionIds = document.Diagnoses.Select((_, i) => parts.Id("Condition/" + (i + 1).ToString(CultureInfo.InvariantCulture))).ToList();

        var composition = parts.Composition(document.DocumentNumber, document.DocumentDate, patientId, roleId, organizationId);
        composition.Type = new CodeableConcept
        {
            Coding =
            [
                ConsultationFhirParts.Coding("1.2.643.5.1.13.13.11.1520", "147", "Эпикриз в стационаре выписной (CDA) Редакция 5", "12.14"),
                ConsultationFhirParts.Coding("1.2.643.5.1.13.13.11.1522", "1", "Эпикриз в стационаре выписной", "7.24"),
            ],
        };
        composition.Title = "Выписной эпикриз";
        composition.Encounter = ConsultationFhirParts.Ref(encounterId);
        composition.Event =
        [
            new Composition.EventComponent
            {
                Code = [ConsultationFhirParts.Concept("1.2.643.5.1.13.13.99.2.726", "13", "Госпитализация", "3.10")],
                Period = new Period { Start = parts.Fhir(document.Admitted), End = parts.Fhir(document.Discharged) },
                Detail = [ConsultationFhirParts.Ref(roleId)],
            },
        ];

        composition.Section.Add(ConsultationFhirParts.Section("DOCINFO", "Сведения о госпитализации", document.Summary));
        if (document.DiseaseHistory is { } disease)
        {
            composition.Section.Add(ConsultationFhirParts.Section("ANAM", "Анамнез заболевания", disease));
        }

        if (document.AdmissionState is { } admission)
        {
            composition.Section.Add(ConsultationFhirParts.Section("STATEADM", "Состояние при поступлении", admission));
        }

        composition.Section.Add(ConsultationFhirParts.Section("HOSP", "Пребывание в стационаре", document.Stay));
        composition.Section.Add(ConsultationFhirParts.Section("SUM", "Проведённое лечение", document.Treatment));
        composition.Section.Add(ConsultationFhirParts.Section("DGN", "Заключительный клинический диагноз",
            string.Join("\n", document.Diagnoses.Select(ConsultationFhirParts.DiagnosisLine)), conditionIds.Select(ConsultationFhirParts.Ref)));
        composition.Section.Add(ConsultationFhirParts.Section("STATEDIS", "Состояние при выписке", document.DischargeState));
        composition.Section.Add(ConsultationFhirParts.Section("REGIME", "Рекомендации", document.Recommendations));

        parts.Add(compositionId, composition);
        parts.Add(patientId, parts.Patient(document.Patient, document.PatientAddress));
        parts.Add(practitionerId, parts.Practitioner(document.Author));
        parts.Add(roleId, ConsultationFhirParts.Role(document.Author, practitionerId, organizationId));
        parts.Add(organizationId, parts.MedicalOrganization());
        var encounter = parts.Encounter(patientId, "IMP", document.CaseNumber, ".16", document.CardNumber, InpatientCard, document.Admitted, document.Discharged);
        encounter.Priority = ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1551", document.ServiceForm, ServiceForms[document.ServiceForm], "1.1");
        parts.Add(encounterId, encounter);
        for (var i = 0; i < document.Diagnoses.Count; i++)
        {
            parts.Add(conditionIds[i], ConsultationFhirParts.Condition(document.Diagnoses[i], patientId));
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
}
