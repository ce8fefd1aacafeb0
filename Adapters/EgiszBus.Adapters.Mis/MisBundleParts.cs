using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// FHIR resources and values built the same way by the MIS Bundle builders: patient, author, medical organisation and its
/// department, names, addresses and codings. Deterministic: identifiers are name-based UUIDs under the organisation's MIS root.
/// </summary>
internal static class MisBundleParts
{
    /// <summary>The prefix of OID-valued systems.</summary>
    public const string Oid = "urn:oid:";

    /// <summary>The SNILS identifier system.</summary>
    public const string SnilsSystem = Oid + "1.2.643.100.3";

    /// <summary>
    /// The patient: local id (<c>root.10</c>) and SNILS, name, gender, birth date, the organisation's default patient address
    /// and the OMS policy typed by its length (FNSI 1.2.643.5.1.13.13.11.1035).
    /// </summary>
    public static Patient Patient(MisPatient p, string root, MisOrganizationProfile organization)
    {
        var patient = new Patient
        {
            Identifier =
            [
                new Identifier(Oid + root + ".10", MisUuid.Create(root + ".10/" + p.Snils).ToString("D")),
                new Identifier(SnilsSystem, p.Snils),
            ],
            Name = [Name(p.Family, p.Given, p.Patronymic)],
            Gender = p.GenderCode == "1" ? AdministrativeGender.Male : AdministrativeGender.Female,
            BirthDate = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Address = [Address(organization.DefaultPatientAddress)],
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

    /// <summary>The author: local id (<c>root.70</c>) and SNILS, and name.</summary>
    public static Practitioner Practitioner(MisDoctor author, string root) => new()
    {
        Identifier =
        [
            new Identifier(Oid + root + ".70", MisUuid.Create(root + ".70/" + author.Snils).ToString("D")),
            new Identifier(SnilsSystem, author.Snils),
        ],
        Name = [Name(author.Family, author.Given, author.Patronymic)],
    };

    /// <summary>The medical organisation: OID and OGRN, name, phone and address.</summary>
    public static Organization Organization(MisOrganizationProfile organization) => new()
    {
        Identifier = [new Identifier("urn:ietf:rfc:3986", Oid + organization.Oid), new Identifier(Oid + "1.2.643.100.1", organization.Ogrn)],
        Name = organization.Name,
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, organization.Phone)],
        Address = [Address(organization.Address)],
    };

    /// <summary>The organisation's department, part of <paramref name="organization"/>.</summary>
    public static Organization Department(MisOrganizationProfile profile, ResourceReference organization) => new()
    {
        Identifier = [new Identifier("urn:ietf:rfc:3986", Oid + profile.Department.Oid)],
        Name = profile.Department.Name,
        PartOf = organization,
    };

    /// <summary>An official name; the patronymic is a second given name.</summary>
    public static HumanName Name(string family, string given, string? patronymic) =>
        new() { Use = HumanName.NameUse.Official, Family = family, Given = patronymic is null ? [given] : [given, patronymic] };

    /// <summary>An address with its type (when known), region and FIAS ids.</summary>
    public static Address Address(MisAddress address)
    {
        var result = new Address { Text = address.Text, PostalCode = address.PostalCode };
        if (address.Type is { } type)
        {
            result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/address-type", Coded("1.2.643.5.1.13.13.11.1504", type)));
        }

        result.Extension.Add(new Extension("https://fhir.ru/ig/core/StructureDefinition/regionRF", Coded("1.2.643.5.1.13.13.99.2.206", address.Region)));
        var fias = new Extension { Url = "https://fhir.ru/ig/core/StructureDefinition/fias" };
        fias.Extension.Add(new Extension("aoguid", new Identifier("urn:hl7-ru:fias:aoguid", address.AoGuid)));
        fias.Extension.Add(new Extension("houseguid", new Identifier("urn:hl7-ru:fias:houseguid", address.HouseGuid)));
        result.Extension.Add(fias);
        return result;
    }

    /// <summary>A coding of the FNSI directory <paramref name="system"/> (an OID).</summary>
    public static CodeableConcept Coded(string system, MisCoding coding) =>
        new() { Coding = [new Coding(Oid + system, coding.Code, coding.Display) { Version = coding.Version }] };

    /// <summary>An XHTML narrative of one escaped paragraph.</summary>
    public static string Div(string text) =>
        "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + System.Security.SecurityElement.Escape(text) + "</p></div>";

    /// <summary>A FHIR dateTime with seconds and offset.</summary>
    public static string Fhir(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The composition type without versions: SEMD kind (1.2.643.5.1.13.13.11.1520) and document kind (1.2.643.5.1.13.13.11.1522).</summary>
    public static CodeableConcept DocumentType(string semdCode, string semdDisplay, string kindCode, string kindDisplay) => new()
    {
        Coding =
        [
            new Coding(Oid + "1.2.643.5.1.13.13.11.1520", semdCode, semdDisplay),
            new Coding(Oid + "1.2.643.5.1.13.13.11.1522", kindCode, kindDisplay),
        ],
    };
}
