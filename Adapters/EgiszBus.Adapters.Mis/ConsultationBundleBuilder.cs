using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/consultation-119.md</c> from a <see cref="MisConsultationDocument"/>
/// and the organisation's entry of the regional profile, in the shape of <c>Samples/Documents/Fhir/Consultation-119-01.json</c>.
/// Deterministic: every id is a name-based UUID (v5) of the document id, <c>Bundle.timestamp</c> is the document time.
/// </summary>
public static class ConsultationBundleBuilder
{
    private const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";

    // Directories the SEMD translator holds no snapshot of: code, display and version as in the official examples.
    private static readonly Dictionary<string, string> ConditionNames = new(StringComparer.Ordinal)
    {
        ["1"] = "Удовлетворительное",
        ["2"] = "Средней степени тяжести",
        ["3"] = "Тяжелое",
    };

    private static readonly MisCoding OutpatientCard = new("1", "Амбулаторная медицинская карта", "1.1");

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MisConsultationDocument document, MisOrganizationProfile organization)
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
        var visitKindId = parts.Id("Observation/800");
        var placeId = parts.Id("Observation/801");
        var conditionStateId = parts.Id("Observation/804");
        var diagnosisId = parts.Id("Condition/1");
        var insurerId = parts.Id("Insurer");
        var coverageId = parts.Id("Coverage");

        var composition = parts.Composition(document.DocumentNumber, document.DocumentDate, patientId, roleId, organizationId);
        composition.Type = ConsultationFhirParts.DocumentType("119", "Протокол консультации (CDA) Редакция 4", "5", "Протокол консультации");
        composition.Title = "Протокол консультации";
        composition.Encounter = ConsultationFhirParts.Ref(encounterId);
        composition.Event =
        [
            ConsultationFhirParts.Event("1", "Консультация",
                new Period { Start = parts.Fhir(document.VisitStart), End = document.VisitEnd is { } end ? parts.Fhir(end) : null }, roleId),
        ];

        var results = ConsultationFhirParts.Section("RESCONS", "Результаты консультации", document.Examination, [ConsultationFhirParts.Ref(conditionStateId)]);
        results.Section.Add(ConsultationFhirParts.Section("DGN", "Диагноз", ConsultationFhirParts.DiagnosisLine(document.Diagnosis), [ConsultationFhirParts.Ref(diagnosisId)]));
        if (document.Recommendations is { } recommendations)
        {
            results.Section.Add(ConsultationFhirParts.Section("REGIME", "Рекомендации", recommendations));
        }

        composition.Section.Add(ConsultationFhirParts.Section("DOCINFO", "Сведения о консультации",
            document.Repeated ? "Повторная консультация" : "Первичная консультация",
            [ConsultationFhirParts.Ref(visitKindId), ConsultationFhirParts.Ref(placeId)]));
        if (document.Complaints is { } complaints)
        {
            composition.Section.Add(ConsultationFhirParts.Section("COMPLNTS", "Жалобы", complaints));
        }

        composition.Section.Add(ConsultationFhirParts.Section("ANAM", "Анамнез заболевания", document.DiseaseHistory));
        composition.Section.Add(ConsultationFhirParts.Section("LANAM", "Анамнез жизни", document.LifeHistory));
        composition.Section.Add(results);

        var insurer = new Organization
        {
            Identifier = [new Identifier("urn:oid:1.2.643.5.1.13.13.99.2.183", document.Insurer.Code)],
            Name = document.Insurer.Name,
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, document.Insurer.Phone)],
            Address = [ConsultationFhirParts.Address(document.Insurer.Address)],
        };
        var coverage = new Coverage
        {
            Status = FinancialResourceStatusCodes.Active,
            Type = ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1039", "1", "Средства обязательного медицинского страхования", "5.2"),
            Beneficiary = ConsultationFhirParts.Ref(patientId),
            Payor = [ConsultationFhirParts.Ref(insurerId)],
            Period = document.Insurer.PolicyStart is { } from
                ? new Period { Start = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }
                : null,
        };

        parts.Add(compositionId, composition);
        parts.Add(patientId, parts.Patient(document.Patient, document.PatientAddress));
        parts.Add(practitionerId, parts.Practitioner(document.Author));
        parts.Add(roleId, ConsultationFhirParts.Role(document.Author, practitionerId, organizationId));
        parts.Add(organizationId, parts.MedicalOrganization());
        parts.Add(encounterId, parts.Encounter(patientId, "AMB", document.CaseNumber, ".17", document.CardNumber, OutpatientCard, document.VisitStart, document.VisitEnd));
        parts.Add(visitKindId, Field(patientId, "800", "Обращение",
            ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1007", document.Repeated ? "2" : "1", document.Repeated ? "Повторный" : "Первичный", "2.1")));
        parts.Add(placeId, Field(patientId, "801", "Место проведения",
            ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1008", "1", "Амбулаторно-поликлиническое учреждение", "5.1")));
        parts.Add(conditionStateId, Field(patientId, "804", "Состояние пациента",
            ConsultationFhirParts.Concept("1.2.643.5.1.13.13.11.1006", document.ConditionCode, ConditionNames[document.ConditionCode], "2.4")));
        parts.Add(diagnosisId, ConsultationFhirParts.Condition(document.Diagnosis, patientId));
        parts.Add(insurerId, insurer);
        parts.Add(coverageId, coverage);
        return bundle;
    }

    private static Observation Field(Guid patientId, string code, string display, CodeableConcept value) => new()
    {
        Status = ObservationStatus.Final,
        Code = ConsultationFhirParts.Concept(FieldSystem, code, display, "5.27"),
        Subject = ConsultationFhirParts.Ref(patientId),
        Value = value,
    };
}
