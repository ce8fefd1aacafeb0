using System.Globalization;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the resources the consultation (119) and discharge summary (147) Bundles share, in the shape of the FHIR samples
/// (<c>Samples/Documents/Fhir/Consultation-119-01.json</c>, <c>DischargeSummary-147-01.json</c>): deterministic ids (UUID v5 of the
/// document id and a part name), local times with the profile's offset, Patient, Practitioner, PractitionerRole, Organization,
/// Encounter, Condition and narrative sections. Codes of directories the SEMD translator holds snapshots of are sent as code only
/// (the translator adds version and name); other codes carry code, display and version.
/// </summary>
internal sealed class ConsultationFhirParts
{
    public const string Oid = "urn:oid:";
    public const string SnilsSystem = "urn:oid:1.2.643.100.3";
    public const string SectionSystem = Oid + "1.2.643.5.1.13.13.99.2.197";
    public const string IcdSystem = Oid + "1.2.643.5.1.13.13.11.1005";

    private static readonly XNamespace XhtmlNs = "http://www.w3.org/1999/xhtml";

    private static readonly Dictionary<string, string> SectionNames = new(StringComparer.Ordinal)
    {
        ["DOCINFO"] = "Сведения о документе",
        ["COMPLNTS"] = "Жалобы",
        ["ANAM"] = "Анамнез заболевания",
        ["LANAM"] = "Анамнез жизни",
        ["RESCONS"] = "Результаты консультации/осмотра врача",
        ["DGN"] = "Диагнозы",
        ["REGIME"] = "Режим и рекомендации",
        ["STATEADM"] = "Состояние при поступлении",
        ["HOSP"] = "Пребывание в стационаре",
        ["SUM"] = "Информация о лечении",
        ["STATEDIS"] = "Состояние при выписке",
    };

    private readonly MisDocumentBundle skeleton;

    public ConsultationFhirParts(MisOrganizationProfile organization, string documentNumber)
    {
        Organization = organization;
        Root = organization.MisRoot;
        DocumentRoot = Root + ".51";
        skeleton = new MisDocumentBundle(DocumentRoot, documentNumber);
    }

    public MisOrganizationProfile Organization { get; }

    public string Root { get; }

    public string DocumentRoot { get; }

    public Bundle Bundle => skeleton.Bundle;

    public Guid Id(string part) => skeleton.Id(part);

    public static ResourceReference Ref(Guid id) => MisDocumentBundle.Ref(id);

    public void Add(Guid id, Resource resource) => skeleton.Add(id, resource);

    public DateTimeOffset Local(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Unspecified), Organization.UtcOffset);

    public string Fhir(DateTime value) => Local(value).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static Coding Coding(string system, string code, string? display = null, string? version = null) =>
        new(Oid + system, code, display) { Version = version };

    public static CodeableConcept Concept(string system, string code, string? display = null, string? version = null) =>
        new() { Coding = [Coding(system, code, display, version)] };

    /// <summary>The composition with what both kinds share; the caller adds type, title, event, encounter and sections.</summary>
    public Composition Composition(string documentNumber, DateTime documentDate, Guid patientId, Guid roleId, Guid organizationId) => new()
    {
        Meta = new Meta { VersionId = "1" },
        Identifier = new Identifier(Oid + Root + ".50", documentNumber),
        Status = CompositionStatus.Final,
        Subject = Ref(patientId),
        Date = Fhir(documentDate),
        Author = [Ref(roleId)],
        Confidentiality = Hl7.Fhir.Model.Composition.V3ConfidentialityClassification.N,
        Attester =
        [
            new Composition.AttesterComponent { Mode = Hl7.Fhir.Model.Composition.CompositionAttestationMode.Legal, Time = Fhir(documentDate), Party = Ref(roleId) },
        ],
        Custodian = Ref(organizationId),
    };

    /// <summary>The composition type: SEMD kind (1.2.643.5.1.13.13.11.1520 v12.14) and document kind (1.2.643.5.1.13.13.11.1522 v7.24).</summary>
    public static CodeableConcept DocumentType(string semdCode, string semdDisplay, string kindCode, string kindDisplay) => new()
    {
        Coding =
        [
            Coding("1.2.643.5.1.13.13.11.1520", semdCode, semdDisplay, "12.14"),
            Coding("1.2.643.5.1.13.13.11.1522", kindCode, kindDisplay, "7.24"),
        ],
    };

    /// <summary>The composition event: a care kind of 1.2.643.5.1.13.13.99.2.726 v3.10 over <paramref name="period"/>, performed by the role.</summary>
    public static Composition.EventComponent Event(string code, string display, Period period, Guid roleId) => new()
    {
        Code = [Concept("1.2.643.5.1.13.13.99.2.726", code, display, "3.10")],
        Period = period,
        Detail = [Ref(roleId)],
    };

    public Patient Patient(MisPatient source, MisAddress? address)
    {
        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(Oid + Root + ".10", MisUuid.Create(Root + ".10/" + source.Snils).ToString("D")),
                new Identifier(SnilsSystem, source.Snils),
            ],
            Name = [Name(source.Family, source.Given, source.Patronymic, official: true)],
            Gender = source.GenderCode == "1" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = source.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [Address(address ?? Organization.DefaultPatientAddress with { Type = ConsultationJsonElements.ActualResidence })],
        };
        if (source.OmsPolicy is { } policy)
        {
            // 1.2.643.5.1.13.13.11.1035 is among the snapshots: code only, the SEMD translator adds version and name.
            var code = policy.Length switch { 16 => "2", 9 => "4", _ => "1" };
            patient.Identifier.Add(new Identifier("https://fhir.ru/ig/core/systems/oms", policy) { Type = Concept("1.2.643.5.1.13.13.11.1035", code) });
        }

        return patient;
    }

    public Practitioner Practitioner(MisDoctor doctor) => new()
    {
        Identifier =
        [
            new Identifier(Oid + Root + ".70", MisUuid.Create(Root + ".70/" + doctor.Snils).ToString("D")),
            new Identifier(SnilsSystem, doctor.Snils),
        ],
        Name = [Name(doctor.Family, doctor.Given, doctor.Patronymic, official: false)],
    };

    public static PractitionerRole Role(MisDoctor doctor, Guid practitionerId, Guid organizationId) => new()
    {
        Practitioner = Ref(practitionerId),
        Organization = Ref(organizationId),
        Code = [Concept("1.2.643.5.1.13.13.11.1002", doctor.PositionCode)],
    };

    public Organization MedicalOrganization() => new()
    {
        Identifier =
        [
            new Identifier("urn:ietf:rfc:3986", Oid + Organization.Oid),
            new Identifier("urn:oid:1.2.643.100.1", Organization.Ogrn),
        ],
        Name = Organization.Name,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, Organization.Phone)],
        Address = [Address(Organization.Address)],
    };

    /// <summary>The encounter: case id <c>.15</c>, card id (<paramref name="cardSuffix"/>), card type in 1.2.643.5.1.13.13.99.2.723.</summary>
    public Encounter Encounter(Guid patientId, string encounterClass, string caseNumber, string cardSuffix, string cardNumber, MisCoding cardType,
        DateTime start, DateTime? end) => new()
    {
        Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", encounterClass),
        Identifier = [new Identifier(Oid + Root + ".15", caseNumber), new Identifier(Oid + Root + cardSuffix, cardNumber)],
        Type = [Concept("1.2.643.5.1.13.13.99.2.723", cardType.Code, cardType.Display, cardType.Version)],
        Subject = Ref(patientId),
        Period = new Period { Start = Fhir(start), End = end is { } e ? Fhir(e) : null },
    };

    public static Condition Condition(MisConsultationDiagnosis diagnosis, Guid patientId) => new()
    {
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis")],
        Code = new CodeableConcept { Coding = [new Coding(IcdSystem, diagnosis.IcdCode)] },
        Subject = Ref(patientId),
        Note = [new Annotation { Text = diagnosis.Text }],
    };

    /// <summary>A section of 1.2.643.5.1.13.13.99.2.197 with an XHTML narrative: one paragraph per non-empty line of <paramref name="text"/>.</summary>
    public static Composition.SectionComponent Section(string code, string title, string text, IEnumerable<ResourceReference>? entries = null) => new()
    {
        Title = title,
        Code = new CodeableConcept { Coding = [new Coding(SectionSystem, code, SectionNames[code]) { Version = "4.29" }] },
        Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = Xhtml(text) },
        Entry = entries?.ToList() ?? [],
    };

    /// <summary>The narrative line of a diagnosis: «J18.9 wording».</summary>
    public static string DiagnosisLine(MisConsultationDiagnosis diagnosis) => diagnosis.IcdCode + " " + diagnosis.Text;

    public static string Xhtml(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var div = new XElement(XhtmlNs + "div", lines.Select(l => new XElement(XhtmlNs + "p", l)));
        return div.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>An address; a region without display is sent as code only (1.2.643.5.1.13.13.99.2.206 is among the snapshots).</summary>
    public static Address Address(MisAddress address)
    {
        var result = new Address { Text = address.Text, PostalCode = address.PostalCode };
        if (address.Type is { } type)
        {
            result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/address-type",
                Concept("1.2.643.5.1.13.13.11.1504", type.Code, Empty(type.Display), Empty(type.Version))));
        }

        result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/regionRF",
            Concept("1.2.643.5.1.13.13.99.2.206", address.Region.Code, Empty(address.Region.Display), Empty(address.Region.Version))));
        var fias = new Extension { Url = "https://fhir.ru/ig/core/StructureDefinition/fias" };
        fias.Extension.Add(new Extension("aoguid", new Identifier("urn:hl7-ru:fias:aoguid", address.AoGuid)));
        fias.Extension.Add(new Extension("houseguid", new Identifier("urn:hl7-ru:fias:houseguid", address.HouseGuid)));
        result.Extension.Add(fias);
        return result;
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    private static HumanName Name(string family, string given, string? patronymic, bool official)
    {
        var name = new HumanName { Family = family, Given = patronymic is null ? [given] : [given, patronymic] };
        if (official)
        {
            name.Use = HumanName.NameUse.Official;
        }

        return name;
    }
}
