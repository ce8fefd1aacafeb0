using System.Globalization;
using System.Security;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/nocontactcertificate-80.md</c> (the shape of
/// <c>Samples/Documents/Fhir/NoContactCertificate-80-01.json</c>) from a <see cref="NoContactCertificateMisDocument"/> and the organisation's
/// entry of the regional profile. Deterministic: every id is a name-based UUID (v5) of the document id, <c>Bundle.timestamp</c> is the
/// document time, so the same input gives the same Bundle.
/// </summary>
public static class NoContactCertificateBundleBuilder
{
    private const string Oid = "urn:oid:";
    private const string SnilsSystem = "urn:oid:1.2.643.100.3";
    private const string FieldSystem = Oid + "1.2.643.5.1.13.13.99.2.166";
    private const string FieldVersion = "5.27";
    private const string CareOrderSystem = Oid + "1.2.643.5.1.13.13.99.2.725";
    private const string RegionSystem = "1.2.643.5.1.13.13.99.2.206";
    private const string Title = "Справка об отсутствии контактов с инфекционными больными";

    // Displays as the SEMD translator's table of unverified codes (NoContactCertificateFhirToSemdTranslator.Unverified).
    private static readonly Dictionary<string, string> CareOrders = new(StringComparer.Ordinal)
    {
        ["8"] = "За последние 21 день инфекционных заболеваний не зарегистрировано",
        ["26"] = "освобожден от занятий, посещений детского дошкольного учреждения",
    };

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(NoContactCertificateMisDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        var root = organization.MisRoot;

        var documentTime = new DateTimeOffset(DateTime.SpecifyKind(document.DocumentDate, DateTimeKind.Unspecified), organization.UtcOffset);
        var time = documentTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var skeleton = new MisDocumentBundle(root + ".51", document.DocumentNumber, documentTime);
        var compositionId = skeleton.Id("Composition");
        var patientId = skeleton.Id("Patient");
        var practitionerId = skeleton.Id("Practitioner");
        var roleId = skeleton.Id("PractitionerRole");
        var organizationId = skeleton.Id("Organization");
        var insurerId = skeleton.Id("Insurer");
        var coverageId = skeleton.Id("Coverage");

        // DOCINFO observations: 837, then 12007, the periods (10001) and 7000, in the order the SEMD writes them.
        var observations = new List<(Guid Id, Observation Resource)>();
        Observation Field(string code, string display)
        {
            var observation = new Observation
            {
                Status = ObservationStatus.Final,
                Code = new CodeableConcept { Coding = [new Coding(FieldSystem, code, display) { Version = FieldVersion }] },
                Subject = MisDocumentBundle.Ref(patientId),
            };
            observations.Add((skeleton.Id("Observation/" + (observations.Count + 1).ToString(CultureInfo.InvariantCulture)), observation));
            return observation;
        }

        Field("837", "Заключение").Value = new CodeableConcept
        {
            Coding = [new Coding(CareOrderSystem, document.CareOrder, CareOrders[document.CareOrder]) { Version = "1.15" }],
        };
        if (document.Contact is { } contact)
        {
            var observation = Field("12007", "Контакт с инфекционными больными");
            observation.Value = new FhirBoolean(contact);
            if (document.ContactNote is { } contactNote)
            {
                observation.Note = [new Annotation { Text = new Markdown(contactNote) }];
            }
        }

        foreach (var period in document.Periods)
        {
            Field("10001", "Срок действия документа").Effective = new Period { Start = Date(period.Start), End = Date(period.End) };
        }

        if (document.Note is { } note)
        {
            Field("7000", "Примечание").Value = new FhirString(note);
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
                    new Coding(Oid + "1.2.643.5.1.13.13.11.1520", "80", Title + " (CDA) Редакция 2") { Version = "12.14" },
                    new Coding(Oid + "1.2.643.5.1.13.13.11.1522", "88", Title) { Version = "7.24" },
                ],
            },
            Subject = MisDocumentBundle.Ref(patientId),
            Date = time,
            Author = [MisDocumentBundle.Ref(roleId)],
            Title = Title,
            Confidentiality = Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Composition.CompositionAttestationMode.Legal, Time = time, Party = MisDocumentBundle.Ref(roleId) }],
            Custodian = MisDocumentBundle.Ref(organizationId),
            Section =
            [
                new Composition.SectionComponent
                {
                    Title = "Сведения о документе",
                    Code = new CodeableConcept
                    {
                        Coding = [new Coding(Oid + "1.2.643.5.1.13.13.99.2.197", "DOCINFO", "Сведения о документе") { Version = "4.29" }],
                    },
                    Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = Div(document) },
                    Entry = observations.Select(o => MisDocumentBundle.Ref(o.Id)).ToList(),
                },
            ],
        };

        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(Oid + root + ".10", MisUuid.Create(root + ".10/" + document.Patient.Snils).ToString("D")),
                new Identifier(SnilsSystem, document.Patient.Snils),
            ],
            Name = [MisBundleParts.Name(document.Patient.Family, document.Patient.Given, document.Patient.Patronymic)],
            Gender = document.Patient.GenderCode == "1" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = document.Patient.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [Address(organization.DefaultPatientAddress)],
        };
        if (document.Patient.OmsPolicy is { } policy)
        {
            var (code, display) = policy.Length switch
            {
                16 => ("2", "Полис ОМС единого образца, бессрочный"),
                9 => ("4", "Временное свидетельство"),
                _ => ("1", "Полис ОМС старого образца"),
            };
            patient.Identifier.Add(new Identifier("https://fhir.ru/ig/core/systems/oms", policy)
            {
                Type = new CodeableConcept { Coding = [new Coding(Oid + "1.2.643.5.1.13.13.11.1035", code, display) { Version = "1.3" }] },
            });
        }

        var practitioner = MisBundleParts.Practitioner(document.Author, root);

        var role = new PractitionerRole
        {
            Practitioner = MisDocumentBundle.Ref(practitionerId),
            Organization = MisDocumentBundle.Ref(organizationId),
            Code = [new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1002", document.Author.PositionCode)],
        };

        var mo = MisBundleParts.Organization(organization);

        var insurer = document.Insurance.Insurer;
        var insurerOrganization = new Organization
        {
            Identifier =
            [
                new Identifier(Oid + "1.2.643.5.1.13.13.99.2.183", insurer.Code),
                new Identifier("urn:oid:1.2.643.100.1", insurer.Ogrn),
            ],
            Name = insurer.Name,
            Telecom = [Phone(insurer.Phone)],
            Address = [InsurerAddress(insurer.Address, organization.Address.Region)],
        };
        if (insurer.Inn is { } inn)
        {
            insurerOrganization.Identifier.Add(new Identifier("https://fhir.ru/ig/core/systems/inn", inn));
        }

        var coverage = new Coverage
        {
            Status = FinancialResourceStatusCodes.Active,
            Type = new CodeableConcept
            {
                Coding = [new Coding(Oid + "1.2.643.5.1.13.13.11.1039", "1", "Средства обязательного медицинского страхования") { Version = "5.2" }],
            },
            Beneficiary = MisDocumentBundle.Ref(patientId),
            Payor = [MisDocumentBundle.Ref(insurerId)],
            Period = new Period { Start = Date(document.Insurance.PolicyStart), End = Date(document.Insurance.PolicyEnd) },
        };

        skeleton.Add(compositionId, composition);
        skeleton.Add(patientId, patient);
        skeleton.Add(practitionerId, practitioner);
        skeleton.Add(roleId, role);
        skeleton.Add(organizationId, mo);
        foreach (var (id, observation) in observations)
        {
            skeleton.Add(id, observation);
        }

        skeleton.Add(insurerId, insurerOrganization);
        skeleton.Add(coverageId, coverage);
        return skeleton.Bundle;
    }

    /// <summary>The certificate text of DOCINFO: the MIS text (one paragraph per line) or one composed from the fields.</summary>
    private static string Div(NoContactCertificateMisDocument document)
    {
        IEnumerable<string> paragraphs;
        if (document.Text is { } text)
        {
            paragraphs = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        }
        else
        {
            var periods = string.Join(" и ", document.Periods.Select(p => $"с {p.Start:dd.MM.yyyy} по {p.End:dd.MM.yyyy}"));
            var lines = new List<string>
            {
                document.Contact == true
                    ? $"Выявлен контакт с инфекционными больными. Период отсутствия контактов: {periods}."
                    : $"Контактов с инфекционными больными за период {periods} не выявлено.",
            };
            if (document.ContactNote is { } contactNote)
            {
                lines.Add(contactNote);
            }

            if (document.Note is { } note)
            {
                lines.Add("Примечание: " + note);
            }

            paragraphs = lines;
        }

        return "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + string.Concat(paragraphs.Select(p => "<p>" + SecurityElement.Escape(p) + "</p>")) + "</div>";
    }

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ContactPoint Phone(string phone) => new(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone);

    private static Address Address(MisAddress address)
    {
        var result = Address(address.Text, address.PostalCode, address.Region.Code, address.Region, address.AoGuid, address.HouseGuid);
        if (address.Type is { } type)
        {
            result.Extension.Insert(0, new Extension("https://fhir.ru/ig/core/StructureDefinition/address-type", Concept("1.2.643.5.1.13.13.11.1504", type)));
        }

        return result;
    }

    /// <summary>The insurer's address; the region's display and version are those of the organisation's region when the codes agree.</summary>
    private static Address InsurerAddress(NoContactCertificateMisAddress address, MisCoding organizationRegion) =>
        Address(address.Text, address.PostalCode, address.RegionCode, organizationRegion.Code == address.RegionCode ? organizationRegion : null,
            address.AoGuid, address.HouseGuid);

    private static Address Address(string text, string postalCode, string regionCode, MisCoding? region, string aoGuid, string houseGuid)
    {
        var result = new Address { Text = text, PostalCode = postalCode };
        var regionCoding = region is null
            ? new CodeableConcept { Coding = [new Coding(Oid + RegionSystem, regionCode)] }
            : Concept(RegionSystem, region);
        result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/regionRF", regionCoding));
        var fias = new Extension { Url = "https://fhir.ru/ig/core/StructureDefinition/fias" };
        fias.Extension.Add(new Extension("aoguid", new Identifier("urn:hl7-ru:fias:aoguid", aoGuid)));
        fias.Extension.Add(new Extension("houseguid", new Identifier("urn:hl7-ru:fias:houseguid", houseGuid)));
        result.Extension.Add(fias);
        return result;
    }

    private static CodeableConcept Concept(string system, MisCoding coding) => MisBundleParts.Coded(system, coding);
}
