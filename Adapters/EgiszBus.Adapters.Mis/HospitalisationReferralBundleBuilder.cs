using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/hospitalisationreferral-43.md</c> from a
/// <see cref="HospitalisationReferralMisDocument"/> and the organisation's entry of the regional profile.
/// Deterministic: every id is a name-based UUID (v5) of the document id.
/// </summary>
internal static class HospitalisationReferralBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string SectionSystem = "1.2.643.5.1.13.13.99.2.197";

    // Displays of the accepted purposes (FNSI 1.2.643.5.1.13.13.99.2.726 3.10; the SEMD translator checks them against the snapshot).
    private static readonly Dictionary<string, string> Purposes = new(StringComparer.Ordinal)
    {
        ["13"] = "Госпитализация",
        ["1"] = "Консультация",
        ["3"] = "Инструментальное исследование",
        ["4"] = "Лабораторное исследование",
    };

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["13"] = "Направление на госпитализацию",
        ["1"] = "Направление на консультацию",
        ["3"] = "Направление на обследование",
        ["4"] = "Направление на обследование",
    };

    public static Bundle Build(HospitalisationReferralMisDocument document, MisOrganizationProfile organization)
    {
        var root = organization.MisRoot;
        string Local(DateTime value) =>
            new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), organization.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        var documentTime = Local(document.DocumentDate);
        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, DateTimeOffset.Parse(documentTime, CultureInfo.InvariantCulture));
        var ids = new[] { "Composition", "Patient", "Practitioner", "PractitionerRole", "Organization", "Department", "Target", "Request", "Diagnosis" }
            .ToDictionary(n => n, skeleton.Id, StringComparer.Ordinal);

        var patientRef = MisDocumentBundle.Ref(ids["Patient"]);
        var roleRef = MisDocumentBundle.Ref(ids["PractitionerRole"]);
        CodeableConcept Concept(string system, string code, string? display, string? version) =>
            new() { Coding = [new Coding(Oid + system, code, display) { Version = version }] };
        Composition.SectionComponent Section(string code, string title, string text, IEnumerable<string> entries) => new()
        {
            Title = title,
            Code = Concept(SectionSystem, code, title, null),
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = MisBundleParts.Div(text) },
            Entry = entries.Select(e => MisDocumentBundle.Ref(ids[e])).ToList(),
        };

        var purpose = Purposes[document.PurposeCode];
        var planned = document.PlannedDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var scopeText = $"{purpose}: {document.TargetOrganizationName}"
            + (document.PlannedDate is { } p ? ", плановая дата " + p.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : string.Empty) + ".";
        var diagnosisText = document.Diagnosis + (document.DiagnosisText is { } dt ? " " + dt : string.Empty);
        var resources = new List<(string Key, Resource Resource)>
        {
            ("Composition", new Composition
            {
                Meta = new Meta { VersionId = "1" },
                Identifier = new Identifier(Oid + root + ".50", document.DocumentNumber),
                Status = CompositionStatus.Final,
                Type = MisBundleParts.DocumentType("43", "Направление на госпитализацию, восстановительное лечение, обследование, консультацию (CDA) Редакция 2",
                    "3", "Направление на госпитализацию, восстановительное лечение, обследование, консультацию"),
                Subject = patientRef,
                Date = documentTime,
                Author = [roleRef],
                Title = Titles[document.PurposeCode],
                Confidentiality = Composition.V3ConfidentialityClassification.N,
                Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Party = roleRef }],
                Custodian = MisDocumentBundle.Ref(ids["Organization"]),
                Section =
                [
                    Section("SCOPORG", "Цель направления и медицинская организация, куда направлен", scopeText, ["Request"]),
                    Section("DGN", "Диагнозы", diagnosisText, ["Diagnosis"]),
                    Section("ELU", "Описание и обоснование направления", document.Justification, []),
                ],
            }),
            ("Patient", MisBundleParts.Patient(document.Patient, root, organization)),
            ("Practitioner", MisBundleParts.Practitioner(document.Author, root)),
            ("PractitionerRole", new PractitionerRole
            {
                Practitioner = MisDocumentBundle.Ref(ids["Practitioner"]),
                Organization = MisDocumentBundle.Ref(ids["Department"]),
                Code = [Concept("1.2.643.5.1.13.13.11.1002", document.Author.PositionCode, null, null)],
            }),
            ("Organization", MisBundleParts.Organization(organization)),
            ("Department", MisBundleParts.Department(organization, MisDocumentBundle.Ref(ids["Organization"]))),
            ("Target", new Organization
            {
                Identifier = [new Identifier("urn:ietf:rfc:3986", Oid + document.TargetOrganizationOid)],
                Name = document.TargetOrganizationName,
            }),
            ("Request", new ServiceRequest
            {
                Status = RequestStatus.Active,
                Intent = RequestIntent.Order,
                Code = Concept("1.2.643.5.1.13.13.99.2.726", document.PurposeCode, purpose, null),
                Subject = patientRef,
                Occurrence = planned is null ? null : new FhirDateTime(planned),
                AuthoredOn = documentTime,
                Requester = roleRef,
                Performer = [MisDocumentBundle.Ref(ids["Target"])],
                ReasonReference = [MisDocumentBundle.Ref(ids["Diagnosis"])],
            }),
            ("Diagnosis", new Condition
            {
                Code = Concept("1.2.643.5.1.13.13.11.1005", document.Diagnosis, null, null),
                Subject = patientRef,
            }),
        };

        foreach (var (key, resource) in resources)
        {
            skeleton.Add(ids[key], resource);
        }

        return skeleton.Bundle;
    }
}
