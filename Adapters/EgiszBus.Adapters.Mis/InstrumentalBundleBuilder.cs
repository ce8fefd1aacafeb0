using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/instrumental-174.md</c> from an <see cref="InstrumentalMisDocument"/>
/// and the organisation's entry of the regional profile. Deterministic: every id is a name-based UUID (v5) of the document id.
/// </summary>
internal static class InstrumentalBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string FieldSystem = Oid + "1.2.643.5.1.13.13.99.2.166";

    // Unverified (directories not among the FNSI snapshots): values as in the official examples; see Schemas/fhir/instrumental-174.md.
    private const string FieldVersion = "5.27";
    private const string StudyVersion = "2.39";
    private static readonly Dictionary<string, string> VisitKinds = new(StringComparer.Ordinal) { ["1"] = "Первичный", ["2"] = "Повторный" };

    public static Bundle Build(InstrumentalMisDocument document, MisOrganizationProfile organization)
    {
        var root = organization.MisRoot;
        string Local(DateTime value) =>
            new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), organization.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        var documentTime = Local(document.DocumentDate);
        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, DateTimeOffset.Parse(documentTime, CultureInfo.InvariantCulture));
        var ids = new[] { "Composition", "Patient", "Practitioner", "PractitionerRole", "Organization", "Department", "Visit", "Place", "Diagnosis", "Study", "Conclusion", "Recommendations" }
            .ToDictionary(n => n, skeleton.Id, StringComparer.Ordinal);

        var patientRef = MisDocumentBundle.Ref(ids["Patient"]);
        var roleRef = MisDocumentBundle.Ref(ids["PractitionerRole"]);
        Observation Field(string code, string display, DataType value) => new()
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept { Coding = [new Coding(FieldSystem, code, display) { Version = FieldVersion }] },
            Subject = patientRef,
            Value = value,
        };
        CodeableConcept Concept(string system, string code, string? display, string? version) =>
            new() { Coding = [new Coding(Oid + system, code, display) { Version = version }] };
        Composition.SectionComponent Section(string code, string title, string text, IEnumerable<string> entries) => new()
        {
            Title = title,
            Code = Concept("1.2.643.5.1.13.13.99.2.197", code, title, null),
            Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = MisBundleParts.Div(text) },
            Entry = entries.Select(e => MisDocumentBundle.Ref(ids[e])).ToList(),
        };

        var period = new Period { Start = Local(document.StudyStart), End = document.StudyEnd is { } end ? Local(end) : null };
        var docInfo = new List<string> { "Visit", "Place" };
        if (document.ReferralDiagnosis is not null)
        {
            docInfo.Add("Diagnosis");
        }

        docInfo.Add("Study");
        var resInfo = new List<string> { "Conclusion" };
        if (document.Recommendations is not null)
        {
            resInfo.Add("Recommendations");
        }

        var resources = new List<(string Key, Resource Resource)>
        {
            ("Composition", new Composition
            {
                Meta = new Meta { VersionId = "1" },
                Identifier = new Identifier(Oid + root + ".50", document.DocumentNumber),
                Status = CompositionStatus.Final,
                Type = MisBundleParts.DocumentType("174", "Протокол инструментального исследования (CDA) Редакция 4", "6", "Протокол инструментального исследования"),
                Subject = patientRef,
                Date = documentTime,
                Author = [roleRef],
                Title = "Протокол инструментального исследования",
                Confidentiality = Composition.V3ConfidentialityClassification.N,
                Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Party = roleRef }],
                Custodian = MisDocumentBundle.Ref(ids["Organization"]),
                Event =
                [
                    new Composition.EventComponent
                    {
                        Code = [Concept("1.2.643.5.1.13.13.99.2.726", "3", "Инструментальное исследование", null)],
                        Period = period,
                        Detail = [roleRef],
                    },
                ],
                Section =
                [
                    Section("DOCINFO", "Сведения о документе", document.StudyName, docInfo),
                    Section("RESINFO", "Результаты исследования", document.Protocol, resInfo),
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
            ("Visit", Field("800", "Обращение", Concept("1.2.643.5.1.13.13.11.1007", document.VisitKind, VisitKinds[document.VisitKind], "2.1"))),
            ("Place", Field("801", "Место проведения", Concept("1.2.643.5.1.13.13.11.1008", "1", "Амбулаторно-поликлиническое учреждение", "5.1"))),
        };
        if (document.ReferralDiagnosis is { } icd)
        {
            resources.Add(("Diagnosis", new Condition
            {
                Code = Concept("1.2.643.5.1.13.13.11.1005", icd, null, null),
                Subject = patientRef,
            }));
        }

        resources.Add(("Study", new Procedure
        {
            Status = EventStatus.Completed,
            Code = Concept("1.2.643.5.1.13.13.11.1471", document.StudyCode, document.StudyName, StudyVersion),
            Subject = patientRef,
            Performed = period,
            Performer = [new Procedure.PerformerComponent { Actor = roleRef }],
        }));
        resources.Add(("Conclusion", Field("1806", "Заключение инструментального исследования", new FhirString(document.Conclusion))));
        if (document.Recommendations is { } recommendations)
        {
            resources.Add(("Recommendations", Field("807", "Рекомендации", new FhirString(recommendations))));
        }

        foreach (var (key, resource) in resources)
        {
            skeleton.Add(ids[key], resource);
        }

        return skeleton.Bundle;
    }
}
