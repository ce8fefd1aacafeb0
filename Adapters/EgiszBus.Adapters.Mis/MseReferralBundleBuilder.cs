using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/msereferral-121.md</c> from a <see cref="MseReferralDocument"/>
/// and the organisation's entry of the regional profile. Deterministic: every id is a name-based UUID (v5) of the document id.
/// </summary>
public static class MseReferralBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";
    private const string FieldVersion = "5.27";

    // 1.2.643.5.1.13.13.99.2.262 is not among the NSI snapshots: codes and displays checked against the public FNSI dump v8.7 (28.12.2023).
    private static readonly (string Code, string Display, string Unit)[] VitalCodes = [("57", "Рост", "см"), ("50", "Масса тела", "кг"), ("10", "Индекс массы тела", "кг/м2")];
    private const string VitalVersion = "8.7";

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MseReferralDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        var root = organization.MisRoot;
        string Local(string value) => MisBundleParts.Fhir(new DateTimeOffset(DateTime.SpecifyKind(ParseTime(value), DateTimeKind.Unspecified), organization.UtcOffset));

        var documentTime = Local(document.DocumentDate);
        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, DateTimeOffset.Parse(documentTime, CultureInfo.InvariantCulture));
        var patientId = skeleton.Id("Patient");
        var roleId = skeleton.Id("PractitionerRole");
        var organizationId = skeleton.Id("Organization");
        var resources = new List<(Guid, Resource)>();
        Guid Add(string name, Resource resource)
        {
            var id = skeleton.Id(name);
            resources.Add((id, resource));
            return id;
        }

        Guid Field(string name, string code, string display, DataType value, DataType? effective = null) =>
            Add(name, new Observation
            {
                Status = ObservationStatus.Final,
                Code = Concept(FieldSystem, new MisCoding(code, display, FieldVersion)),
                Subject = MisDocumentBundle.Ref(patientId),
                Effective = effective,
                Value = value,
            });
        Guid Coded(string name, string system, MisCoding coding) =>
            Add(name, new Observation { Status = ObservationStatus.Final, Code = Concept(system, coding), Subject = MisDocumentBundle.Ref(patientId) });

        var p = document.Patient;
        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(Oid + root + ".10", MisUuid.Create(root + ".10/" + MisSnils.Normalize(p.Snils)).ToString("D")),
                new Identifier(Oid + "1.2.643.100.3", MisSnils.Normalize(p.Snils)),
                new Identifier("https://fhir.ru/ig/core/systems/identity-document", p.Passport.Series + " " + p.Passport.Number)
                {
                    Type = Concept("1.2.643.5.1.13.13.99.2.48", new MisCoding("1", "Паспорт гражданина Российской Федерации", "7.2")),
                    Period = new Period { Start = p.Passport.IssueDate },
                    Assigner = new ResourceReference
                    {
                        Display = p.Passport.IssuedBy,
                        Identifier = new Identifier("https://fhir.ru/ig/core/systems/ns-division-code", p.Passport.IssuerCode),
                    },
                },
            ],
            Name = [Name(p.Family, p.Given, p.Patronymic)],
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, p.Phone)],
            Gender = p.Gender == "male" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = p.BirthDate,
            Address = [MisBundleParts.Address(organization.DefaultPatientAddress)],
        };
        if (p.OmsPolicy is { Length: > 0 } policy)
        {
            patient.Identifier.Add(new Identifier("https://fhir.ru/ig/core/systems/oms", policy)
            {
                Type = Concept("1.2.643.5.1.13.13.11.1035", new MisCoding("2", "Полис ОМС единого образца, бессрочный", "1.3")),
            });
        }

        var a = document.Author;
        var practitioner = new Practitioner
        {
            Identifier = [new Identifier(Oid + root + ".70", MisUuid.Create(root + ".70/" + MisSnils.Normalize(a.Snils)).ToString("D")), new Identifier(Oid + "1.2.643.100.3", MisSnils.Normalize(a.Snils))],
            Name = [Name(a.Family, a.Given, a.Patronymic)],
        };
        var practitionerId = skeleton.Id("Practitioner");
        var role = new PractitionerRole
        {
            Practitioner = MisDocumentBundle.Ref(practitionerId),
            Organization = MisDocumentBundle.Ref(organizationId),
            Code = [new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.11.1002", a.PositionCode)] }],
        };
        var mo = MisBundleParts.Organization(organization);
        var b = document.Bureau;
        var bureauId = Add("Bureau", new Organization
        {
            Identifier = [new Identifier("urn:ietf:rfc:3986", Oid + b.Oid), new Identifier(Oid + "1.2.643.100.1", b.Ogrn)],
            Type = [Concept("1.2.643.5.1.13.13.99.2.856", b.Type)],
            Name = b.Name,
            Address = [MisBundleParts.Address(new MisAddress(b.Address.Text, b.Address.PostalCode, organization.Address.Region, b.Address.AoGuid, b.Address.HouseGuid))],
        });

        var scoporg = document.Purposes.Select((x, i) => Coded("Purpose/" + i.ToString(CultureInfo.InvariantCulture), "1.2.643.5.1.13.13.99.2.147", x)).ToList();
        scoporg.Add(Coded("Visit", "1.2.643.5.1.13.13.11.1007", document.Primary ? new MisCoding("1", "Первичный", "2.1") : new MisCoding("2", "Повторный", "2.1")));
        scoporg.Add(Field("4059", "4059", "Протокол врачебной комиссии", new FhirString(document.CommissionProtocol.Number), new FhirDateTime(document.CommissionProtocol.Date)));
        scoporg.Add(Field("4060", "4060", "Медико-социальную экспертизу необходимо проводить на дому (Отметка)", new FhirBoolean(document.AtHome)));
        scoporg.Add(Field("4061", "4061", "Нуждаемость в оказании паллиативной медицинской помощи", new FhirBoolean(document.PalliativeCare)));
        scoporg.Add(Field("7012", "7012", "Нуждаемость в первичном протезировании", new FhirBoolean(document.PrimaryProsthetics)));
        scoporg.Add(Field("4062", "4062", "Дата выдачи направления на МСЭ", new FhirDateTime(documentTime)));
        scoporg.Add(Coded("Order", "1.2.643.5.1.13.13.99.2.315", document.Order));
        scoporg.Add(bureauId);
        scoporg.Add(Coded("Category", "1.2.643.5.1.13.13.99.2.314", document.Category));

        var vitalTime = new FhirDateTime(Local(document.Vitals.Date));
        var vitals = new List<Guid>();
        var values = new[] { document.Vitals.Height, document.Vitals.Weight, document.Vitals.BodyMassIndex };
        for (var i = 0; i < VitalCodes.Length; i++)
        {
            var (code, display, unit) = VitalCodes[i];
            vitals.Add(Add("Vital/" + code, new Observation
            {
                Status = ObservationStatus.Final,
                Code = Concept("1.2.643.5.1.13.13.99.2.262", new MisCoding(code, display, VitalVersion)),
                Subject = MisDocumentBundle.Ref(patientId),
                Effective = vitalTime,
                Value = new Quantity { Value = values[i], Unit = unit },
            }));
        }

        vitals.Add(Field("4108", "4108", "Телосложение", Concept("1.2.643.5.1.13.13.11.1492", document.PhysicalDevelopment)));
        var d = document.Diagnosis;
        var conditionId = Add("Condition", new Condition
        {
            Subject = MisDocumentBundle.Ref(patientId),
            Category = [Concept("1.2.643.5.1.13.13.11.1077", d.Status), Concept("1.2.643.5.1.13.13.99.2.795", d.Character)],
            Code = new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.11.1005", d.Icd10)] },
            Note = [new Annotation { Text = new Markdown(d.Text) }],
        });
        var r = document.Recommendations;
        var consent = new List<Guid>
        {
            Field("12485", "12485", "Дата согласия гражданина (его законного или уполномоченного представителя) на направление и проведение медико-социальной экспертизы", new FhirDateTime(document.Consent.Date)),
            Field("12480", "12480", "Предпочтительная форма проведения медико-социальной экспертизы", Concept("1.2.643.5.1.13.13.99.2.970", document.Consent.Form)),
        };
        consent.AddRange(document.Consent.Notifications.Select((x, i) =>
            Field("12481/" + i.ToString(CultureInfo.InvariantCulture), "12481", "Предпочтительный способ получения уведомления о проведении медико-социальной экспертизы", Concept("1.2.643.5.1.13.13.99.2.991", x))));

        var composition = new Composition
        {
            Meta = new Meta { VersionId = "1" },
            Identifier = new Identifier(Oid + root + ".50", document.DocumentNumber),
            Status = CompositionStatus.Final,
            Type = MisBundleParts.DocumentType("121", "Направление на медико-социальную экспертизу (CDA) Редакция 6", "34", "Направление на медико-социальную экспертизу медицинской организацией"),
            Subject = MisDocumentBundle.Ref(patientId),
            Date = documentTime,
            Author = [MisDocumentBundle.Ref(roleId)],
            Title = "Направление на медико-социальную экспертизу",
            Confidentiality = Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Time = documentTime, Party = MisDocumentBundle.Ref(roleId) }],
            Custodian = MisDocumentBundle.Ref(organizationId),
            Event =
            [
                new Composition.EventComponent
                {
                    Code = [Concept("1.2.643.5.1.13.13.99.2.726", new MisCoding("57", "Медико-социальная экспертиза", "3.10"))],
                    Period = new Period { Start = MisBundleParts.Fhir(new DateTimeOffset(DateTime.SpecifyKind(ParseTime(document.CommissionProtocol.Date), DateTimeKind.Unspecified), organization.UtcOffset)), End = documentTime },
                    Detail = [MisDocumentBundle.Ref(roleId)],
                },
            ],
            Section =
            [
                Section("SCOPORG", "Цель направления и медицинская организация, куда направлен", "Направление на медико-социальную экспертизу", scoporg.Select(MisDocumentBundle.Ref)),
                Section("WORK", "Место работы и должность, условия труда", document.Work, []),
                Section("EDU", "Образование", document.Education, []),
                Section("SOCANAM", "Социальный анамнез", document.DiseaseHistory,
                    [MisDocumentBundle.Ref(Field("4102", "4102", "Анамнез заболевания", new FhirString(document.DiseaseHistory))), MisDocumentBundle.Ref(Field("4103", "4103", "Анамнез жизни", new FhirString(document.LifeHistory)))]),
                Section("VITALPARAM", "Витальные параметры", string.Create(CultureInfo.InvariantCulture, $"Рост {values[0]} см, масса тела {values[1]} кг, ИМТ {values[2]}"), vitals.Select(MisDocumentBundle.Ref)),
                Section("STATECUR", "Текущее состояние", document.Condition,
                    [MisDocumentBundle.Ref(Field("4109", "4109", "Состояние здоровья гражданина при направлении на медико-социальную экспертизу", new FhirString(document.Condition)))]),
                Section("DGN", "Диагнозы", d.Icd10 + " " + d.Text, [MisDocumentBundle.Ref(conditionId)]),
                Section("SCORES", "Объективизированная оценка состояния пациента", document.Scores, []),
                Section("REGIME", "Режим и рекомендации", "Рекомендации", [], [
                    Section("RECTREAT", "Рекомендованное лечение", string.Join(" ", r.ReconstructiveSurgery, r.Prosthetics, r.SpaTreatment, r.MedicalDevices),
                    [
                        MisDocumentBundle.Ref(Field("4111", "4111", "Рекомендуемые мероприятия по реконструктивной хирургии", new FhirString(r.ReconstructiveSurgery))),
                        MisDocumentBundle.Ref(Field("4112", "4112", "Рекомендуемые мероприятия по протезированию и ортезированию, техническим средствам реабилитации", new FhirString(r.Prosthetics))),
                        MisDocumentBundle.Ref(Field("4113", "4113", "Санаторно-курортное лечение", new FhirString(r.SpaTreatment))),
                        MisDocumentBundle.Ref(Field("12132", "12132", "Перечень медицинских изделий для медицинского применения", new FhirString(r.MedicalDevices))),
                    ]),
                    Section("RECOTHER", "Прочие рекомендации", string.Join(" ", r.Rehabilitation, r.Other),
                        [MisDocumentBundle.Ref(Field("4114", "4114", "Рекомендуемые мероприятия по медицинской реабилитации", new FhirString(r.Rehabilitation)))]),
                ]),
                Section("CONSENT", "Сведения о согласии", "Согласие гражданина получено", consent.Select(MisDocumentBundle.Ref)),
            ],
        };

        skeleton.Add(skeleton.Id("Composition"), composition);
        skeleton.Add(patientId, patient);
        skeleton.Add(practitionerId, practitioner);
        skeleton.Add(roleId, role);
        skeleton.Add(organizationId, mo);
        foreach (var (id, resource) in resources)
        {
            skeleton.Add(id, resource);
        }

        return skeleton.Bundle;
    }

    private static DateTime ParseTime(string value) =>
        DateTime.ParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static HumanName Name(string family, string given, string? patronymic) =>
        new() { Family = family, Given = patronymic is { Length: > 0 } ? [given, patronymic] : [given] };

    private static Composition.SectionComponent Section(string code, string title, string text, IEnumerable<ResourceReference> entries,
        List<Composition.SectionComponent>? nested = null) => new()
    {
        Title = title,
        Code = new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.99.2.197", code)] },
        Text = new Narrative
        {
            Status = Narrative.NarrativeStatus.Generated,
            Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + System.Security.SecurityElement.Escape(text) + "</p></div>",
        },
        Entry = entries.ToList(),
        Section = nested ?? [],
    };

    private static CodeableConcept Concept(string system, MisCoding coding) => MisBundleParts.Coded(system, coding);
}
