using System.Globalization;
using System.Security;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The header resources shared by the kind-122 (<see cref="DispanserizationBundleBuilder"/>) and kind-83
/// (<see cref="SportsClearanceBundleBuilder"/>) Bundles: Patient, Practitioner, PractitionerRole, Organization + department, Encounter,
/// the Composition skeleton and body Observations. Every id is a name-based UUID (v5) of the document id, so the same input gives the
/// same Bundle. Codes of directories held in the FNSI snapshots are sent as code (+ display); the Semd side fills name and version.
/// </summary>
internal sealed class DispanserizationBundleParts
{
    public const string Oid = "urn:oid:";
    public const string FieldSystem = Oid + "1.2.643.5.1.13.13.99.2.166";

    /// <summary>UNVERIFIED: version of 1.2.643.5.1.13.13.99.2.166 (not among the snapshots), as in the official examples.</summary>
    public const string FieldVersion = "5.27";

    private readonly MisOrganizationProfile organization;
    private readonly string baseName;
    private readonly List<(string Key, Resource Resource)> resources = [];

    public DispanserizationBundleParts(string documentNumber, MisOrganizationProfile organization)
    {
        this.organization = organization;
        DocumentNumber = documentNumber;
        Root = organization.MisRoot;
        baseName = Root + ".51/" + documentNumber;
    }

    public string DocumentNumber { get; }

    public string Root { get; }

    public ResourceReference PatientRef => Ref("Patient");

    public ResourceReference RoleRef => Ref("PractitionerRole");

    public Guid Id(string key) => MisUuid.Create(baseName + "/" + key);

    public ResourceReference Ref(string key) => new("urn:uuid:" + Id(key).ToString("D"));

    /// <summary>A local time of the organisation as FHIR dateTime with its offset.</summary>
    public string Local(DateTime value) =>
        new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), organization.UtcOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public void Add(string key, Resource resource) => resources.Add((key, resource));

    /// <summary>
    /// Patient, Practitioner, PractitionerRole, Organization, department and Encounter. The patient address is the profile's default one,
    /// with the type <paramref name="addressType"/> (1.2.643.5.1.13.13.11.1504) when given and the city/village sign when given.
    /// </summary>
    public void AddHeader(
        MisPatient patient, MisCoding? residence, MisCoding? addressType, MisDoctor author, string caseNumber, string card, DateTime start, DateTime end)
    {
        Add("Patient", Patient(patient, residence, addressType));
        Add("Practitioner", MisBundleParts.Practitioner(author, Root));
        Add("PractitionerRole", new PractitionerRole
        {
            Practitioner = Ref("Practitioner"),
            Organization = Ref("Department"),
            Code = [Concept("1.2.643.5.1.13.13.11.1002", author.PositionCode, null, null)],
        });
        Add("Organization", MisBundleParts.Organization(organization));
        Add("Department", MisBundleParts.Department(organization, Ref("Organization")));
        Add("Encounter", new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
            Identifier = [new Identifier(Oid + Root + ".15", caseNumber), new Identifier(Oid + Root + ".17", card)],
            // UNVERIFIED: 1.2.643.5.1.13.13.99.2.723 is not among the snapshots; as in the official examples.
            Type = [Concept("1.2.643.5.1.13.13.99.2.723", "1", "Амбулаторная медицинская карта", "1.1")],
            Subject = PatientRef,
            Period = new Period { Start = Local(start), End = Local(end) },
        });
    }

    /// <summary>
    /// The Composition (entry 0) with kind <paramref name="kind"/> (1520) and type <paramref name="typeCode"/> (1522), the author as
    /// legal authenticator (signed at the document time) and performer of the service event <paramref name="eventCode"/> (99.2.726).
    /// </summary>
    public Composition Composition(
        string kind, string kindDisplay, string typeCode, string title, DateTime date, string eventCode, DateTime start, DateTime end,
        List<Composition.SectionComponent> sections) => new()
        {
            Meta = new Meta { VersionId = "1" },
            Identifier = new Identifier(Oid + Root + ".50", DocumentNumber),
            Status = CompositionStatus.Final,
            Type = MisBundleParts.DocumentType(kind, kindDisplay, typeCode, title),
            Subject = PatientRef,
            Encounter = Ref("Encounter"),
            Date = Local(date),
            Author = [RoleRef],
            Title = title,
            Confidentiality = Hl7.Fhir.Model.Composition.V3ConfidentialityClassification.N,
            Attester = [new Composition.AttesterComponent { Mode = Hl7.Fhir.Model.Composition.CompositionAttestationMode.Legal, Time = Local(date), Party = RoleRef }],
            Custodian = Ref("Organization"),
            Event =
            [
                new Composition.EventComponent
                {
                    Code = [Concept("1.2.643.5.1.13.13.99.2.726", eventCode, null, null)],
                    Period = new Period { Start = Local(start), End = Local(end) },
                    Detail = [RoleRef],
                },
            ],
            Section = sections,
        };

    /// <summary>A section coded in 1.2.643.5.1.13.13.99.2.197 with a narrative of one paragraph per line of <paramref name="paragraphs"/>.</summary>
    public Composition.SectionComponent Section(string code, string title, IEnumerable<string> paragraphs, IEnumerable<string> entries) => new()
    {
        Title = title,
        Code = Concept("1.2.643.5.1.13.13.99.2.197", code, null, null),
        Text = new Narrative
        {
            Status = Narrative.NarrativeStatus.Generated,
            Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + string.Concat(paragraphs.Select(p => "<p>" + SecurityElement.Escape(p) + "</p>")) + "</div>",
        },
        Entry = entries.Select(Ref).ToList(),
    };

    /// <summary>A body Observation: field <paramref name="code"/> of 1.2.643.5.1.13.13.99.2.166 with a value and/or effective date.</summary>
    public Observation Field(string code, string display, DataType? value, DataType? effective = null) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept { Coding = [new Coding(FieldSystem, code, display) { Version = FieldVersion }] },
        Subject = PatientRef,
        Effective = effective,
        Value = value,
    };

    /// <summary>The Bundle: Composition first, then the resources in the order added.</summary>
    public Bundle Bundle(DateTime date)
    {
        var bundle = new Bundle
        {
            Id = MisUuid.Create(baseName).ToString("D"),
            Identifier = new Identifier(Oid + Root + ".51", DocumentNumber),
            Type = Hl7.Fhir.Model.Bundle.BundleType.Document,
            Timestamp = DateTimeOffset.Parse(Local(date), CultureInfo.InvariantCulture),
        };
        foreach (var (key, resource) in resources.OrderBy(r => r.Resource is Composition ? 0 : 1))
        {
            resource.Id = Id(key).ToString("D");
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + resource.Id, Resource = resource });
        }

        return bundle;
    }

    public static CodeableConcept Concept(string system, string code, string? display, string? version) =>
        new() { Coding = [new Coding(Oid + system, code, display) { Version = version }] };

    public static CodeableConcept Concept(string system, MisCoding coding) => Concept(system, coding.Code, coding.Display, coding.Version);

    public static HumanName Name(string family, string given, string? patronymic) => MisBundleParts.Name(family, given, patronymic);

    /// <summary>An address with region (code only when <paramref name="region"/> is a bare code) and FIAS ids.</summary>
    public static Address Address(string text, string postalCode, CodeableConcept region, string aoGuid, string houseGuid, MisCoding? type = null)
    {
        var result = new Address { Text = text, PostalCode = postalCode };
        if (type is not null)
        {
            result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/address-type", Concept("1.2.643.5.1.13.13.11.1504", type)));
        }

        result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/regionRF", region));
        var fias = new Extension { Url = "https://fhir.ru/ig/core/StructureDefinition/fias" };
        fias.Extension.Add(new Extension("aoguid", new Identifier("urn:hl7-ru:fias:aoguid", aoGuid)));
        fias.Extension.Add(new Extension("houseguid", new Identifier("urn:hl7-ru:fias:houseguid", houseGuid)));
        result.Extension.Add(fias);
        return result;
    }

    private static Address Address(MisAddress a) =>
        Address(a.Text, a.PostalCode, Concept("1.2.643.5.1.13.13.99.2.206", a.Region), a.AoGuid, a.HouseGuid, a.Type);

    private Patient Patient(MisPatient p, MisCoding? residence, MisCoding? addressType)
    {
        var address = Address(addressType is null ? organization.DefaultPatientAddress : organization.DefaultPatientAddress with { Type = addressType });
        if (residence is not null)
        {
            address.Extension.Add(new Extension("https://egiszbus.ru/fhir/StructureDefinition/resident-type", Concept("1.2.643.5.1.13.13.11.1042", residence)));
        }

        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(Oid + Root + ".10", MisUuid.Create(Root + ".10/" + p.Snils).ToString("D")),
                new Identifier(Oid + "1.2.643.100.3", p.Snils),
            ],
            Name = [Name(p.Family, p.Given, p.Patronymic)],
            Gender = p.GenderCode == "1" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [address],
        };
        if (p.OmsPolicy is { } policy)
        {
            var (code, display) = policy.Length switch
            {
                16 => ("2", "Полис ОМС единого образца, бессрочный"),
                9 => ("4", "Временное свидетельство"),
                _ => ("1", "Полис ОМС старого образца"),
            };
            patient.Identifier.Add(new Identifier("https://fhir.ru/ig/core/systems/oms", policy)
            {
                Type = new CodeableConcept(Oid + "1.2.643.5.1.13.13.11.1035", code, display),
            });
        }

        return patient;
    }
}
