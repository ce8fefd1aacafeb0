using System.Globalization;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads the CDA header and the sections of a loaded SEMD; every problem carries an XPath location.</summary>
internal sealed class CdaHeaderXmlReader(XElement root, NsiCatalog? nsi, List<TranslationProblem> problems)
{
    private static readonly XNamespace V3 = CdaHeaderWriter.Hl7;
    private static readonly XNamespace IdentityNs = CdaHeaderWriter.Identity;
    private static readonly XNamespace AddressNs = CdaHeaderWriter.AddressNs;
    private static readonly XNamespace FiasNs = CdaHeaderWriter.Fias;

    public string? Kind { get; private set; }

    public (CdaHeader? Header, IReadOnlyList<CdaSection> Sections) Read()
    {
        const string d = "/ClinicalDocument";
        var templateId = Attr(root, "templateId", "root", d, required: true);
        var (idRoot, idExtension) = IdPair(root.Element(V3 + "id"), d + "/id");
        var codeElement = root.Element(V3 + "code");
        var code = Coded(codeElement, d + "/code", required: true);
        var translations = codeElement?.Elements(V3 + "translation").Select((t, i) => Coded(t, $"{d}/code/translation[{i + 1}]", required: true))
            .OfType<CdaCode>().ToList() ?? [];
        if (code is not null)
        {
            Kind = code.System == SemdKinds.KindSystem ? code.Code
                : code.System == SemdKinds.DocTypeSystem ? SemdKinds.KindOf(templateId, code.Code)
                : null;
            if (Kind is null)
            {
                Problem(TranslationErrorCodes.UnknownDocumentKind, $"Неизвестный вид документа: code {code.Code} ({code.System}), templateId {templateId}", d + "/code");
            }
        }

        var title = root.Element(V3 + "title")?.Value.Trim();
        if (string.IsNullOrEmpty(title))
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет заголовка документа (title)", d + "/title");
        }

        var effective = Time(root.Element(V3 + "effectiveTime"), d + "/effectiveTime", required: true);
        var confidentiality = Coded(root.Element(V3 + "confidentialityCode"), d + "/confidentialityCode", required: true);
        var (setRoot, setExtension) = IdPair(root.Element(V3 + "setId"), d + "/setId");
        var version = 1;
        var versionText = Attr(root, "versionNumber", "value", d, required: true);
        if (versionText is not null && (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            Problem(TranslationErrorCodes.InvalidHeaderValue, "versionNumber должен быть целым числом ≥ 1", d + "/versionNumber/@value");
            version = 1;
        }

        var patient = Patient(root.Element(V3 + "recordTarget")?.Element(V3 + "patientRole"), d + "/recordTarget/patientRole");
        var author = root.Element(V3 + "author");
        var authorTime = Time(author?.Element(V3 + "time"), d + "/author/time", required: false);
        var authorStaff = Staff(author?.Element(V3 + "assignedAuthor"), d + "/author/assignedAuthor", "representedOrganization");
        var custodian = Organization(
            root.Element(V3 + "custodian")?.Element(V3 + "assignedCustodian")?.Element(V3 + "representedCustodianOrganization"),
            d + "/custodian/assignedCustodian/representedCustodianOrganization");
        var legal = root.Element(V3 + "legalAuthenticator");
        var legalTime = Time(legal?.Element(V3 + "time"), d + "/legalAuthenticator/time", required: false);
        var legalStaff = Staff(legal?.Element(V3 + "assignedEntity"), d + "/legalAuthenticator/assignedEntity", "representedOrganization");
        var serviceEvent = ServiceEvent(root.Element(V3 + "documentationOf")?.Element(V3 + "serviceEvent"), d + "/documentationOf/serviceEvent");
        var encounter = Encounter(root.Element(V3 + "componentOf")?.Element(V3 + "encompassingEncounter"));
        var sections = root.Element(V3 + "component")?.Element(V3 + "structuredBody")?.Elements(V3 + "component")
            .Select((c, i) => Section(c.Element(V3 + "section"), $"{d}/component/structuredBody/component[{i + 1}]/section")).OfType<CdaSection>().ToList() ?? [];

        if (templateId is null || idRoot is null || idExtension is null || code is null || string.IsNullOrEmpty(title) || confidentiality is null
            || setRoot is null || setExtension is null || patient is null || authorStaff is null || custodian is null || legalStaff is null)
        {
            return (null, sections);
        }

        return (new CdaHeader(templateId, idRoot, idExtension, code, translations, title, effective, confidentiality, setRoot, setExtension, version,
            patient, authorTime, authorStaff, custodian, legalTime, legalStaff, serviceEvent, encounter), sections);
    }

    private CdaPatient? Patient(XElement? role, string path)
    {
        if (role is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет сведений о пациенте (recordTarget/patientRole)", path);
            return null;
        }

        var (localRoot, localId, snils) = Ids(role, path);
        CdaIdentityDocument? document = null;
        if (role.Element(IdentityNs + "IdentityDoc") is { } doc && doc.Attribute("nullFlavor") is null)
        {
            var type = Coded(doc.Element(IdentityNs + "IdentityCardType"), path + "/identity:IdentityDoc/identity:IdentityCardType", required: true);
            var number = doc.Element(IdentityNs + "Number")?.Value.Trim();
            if (type is not null && !string.IsNullOrEmpty(number))
            {
                document = new CdaIdentityDocument(type, doc.Element(IdentityNs + "Series")?.Value.Trim(), number,
                    doc.Element(IdentityNs + "IssueOrgName")?.Value.Trim(), doc.Element(IdentityNs + "IssueOrgCode")?.Value.Trim(),
                    (string?)doc.Element(IdentityNs + "IssueDate")?.Attribute("value"));
            }
        }

        CdaPolicy? policy = null;
        if (role.Element(IdentityNs + "InsurancePolicy") is { } pol && pol.Attribute("nullFlavor") is null)
        {
            var type = Coded(pol.Element(IdentityNs + "InsurancePolicyType"), path + "/identity:InsurancePolicy/identity:InsurancePolicyType", required: true);
            var number = pol.Element(IdentityNs + "Number")?.Value.Trim();
            if (type is not null && !string.IsNullOrEmpty(number))
            {
                policy = new CdaPolicy(type, pol.Element(IdentityNs + "Series")?.Value.Trim(), number);
            }
        }

        var addresses = role.Elements(V3 + "addr").Select((a, i) => Address(a, $"{path}/addr[{i + 1}]")).OfType<CdaAddress>().ToList();
        var person = role.Element(V3 + "patient");
        var name = Name(person?.Element(V3 + "name"), path + "/patient/name");
        var gender = Coded(person?.Element(V3 + "administrativeGenderCode"), path + "/patient/administrativeGenderCode", required: true);
        var birth = Time(person?.Element(V3 + "birthTime"), path + "/patient/birthTime", required: true);
        var provider = role.Element(V3 + "providerOrganization") is { } p ? Organization(p, path + "/providerOrganization") : null;
        return new CdaPatient(localRoot, localId, snils, document, policy, addresses, Telecoms(role), name, gender, birth, provider);
    }

    private CdaStaff? Staff(XElement? entity, string path, string organizationElement)
    {
        if (entity is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет сведений о сотруднике", path);
            return null;
        }

        var (localRoot, localId, snils) = Ids(entity, path);
        var position = Coded(entity.Element(V3 + "code"), path + "/code", required: true);
        var name = Name(entity.Element(V3 + "assignedPerson")?.Element(V3 + "name"), path + "/assignedPerson/name");
        var address = entity.Element(V3 + "addr") is { } a ? Address(a, path + "/addr") : null;
        var organization = entity.Element(V3 + organizationElement) is { } o ? Organization(o, $"{path}/{organizationElement}") : null;
        return new CdaStaff(localRoot, localId, snils, position, name, address, Telecoms(entity), organization);
    }

    private (string? Root, string? Extension, string? Snils) Ids(XElement owner, string path)
    {
        string? localRoot = null;
        string? localId = null;
        string? snils = null;
        var index = 0;
        foreach (var id in owner.Elements(V3 + "id"))
        {
            index++;
            var root = (string?)id.Attribute("root");
            var extension = (string?)id.Attribute("extension");
            if (root == "1.2.643.100.3")
            {
                snils = Snils.Normalize(extension);
                if (snils is null)
                {
                    Problem(TranslationErrorCodes.InvalidHeaderValue, "СНИЛС должен состоять из 11 цифр", $"{path}/id[{index}]/@extension");
                }
            }
            else if (root is not null && extension is not null && localRoot is null)
            {
                (localRoot, localId) = (root, extension);
            }
        }

        return (localRoot, localId, snils);
    }

    private CdaOrganization? Organization(XElement? org, string path)
    {
        if (org is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет сведений об организации", path);
            return null;
        }

        var id = org.Element(V3 + "id");
        var oid = (string?)id?.Attribute("root");
        if (oid is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет OID организации (id/@root)", path + "/id");
            return null;
        }

        var department = (string?)id!.Attribute("extension");
        var ogrn = org.Element(IdentityNs + "Props")?.Element(IdentityNs + "Ogrn")?.Value.Trim();
        var address = org.Element(V3 + "addr") is { } a ? Address(a, path + "/addr") : null;
        return new CdaOrganization(oid, department, org.Element(V3 + "name")?.Value.Trim(), string.IsNullOrEmpty(ogrn) ? null : ogrn, Telecoms(org), address);
    }

    private CdaAddress? Address(XElement addr, string path)
    {
        if (addr.Attribute("nullFlavor") is not null)
        {
            return null;
        }

        var type = addr.Element(AddressNs + "Type") is { } t ? Coded(t, path + "/address:Type", required: true) : null;
        var region = addr.Element(AddressNs + "stateCode") is { } s ? Coded(s, path + "/address:stateCode", required: true) : null;
        var fias = addr.Element(FiasNs + "Address");
        return new CdaAddress(type, addr.Element(V3 + "streetAddressLine")?.Value.Trim(), region, addr.Element(V3 + "postalCode")?.Value.Trim(),
            fias?.Element(FiasNs + "AOGUID")?.Value.Trim(), fias?.Element(FiasNs + "HOUSEGUID")?.Value.Trim());
    }

    private static List<CdaTelecom> Telecoms(XElement owner) =>
        owner.Elements(V3 + "telecom").Where(t => t.Attribute("value") is not null)
            .Select(t => new CdaTelecom((string?)t.Attribute("use"), (string)t.Attribute("value")!)).ToList();

    private CdaName? Name(XElement? name, string path)
    {
        var family = name?.Element(V3 + "family")?.Value.Trim();
        var given = name?.Element(V3 + "given")?.Value.Trim();
        if (string.IsNullOrEmpty(family) || string.IsNullOrEmpty(given))
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет фамилии или имени (name/family, name/given)", path);
            return null;
        }

        // Russian SEMD carry the patronymic in identity:Patronymic; plain-CDA kinds (43) as a second given.
        var patronymic = name!.Element(IdentityNs + "Patronymic")?.Value.Trim()
            ?? name.Elements(V3 + "given").Skip(1).FirstOrDefault()?.Value.Trim();
        return new CdaName(family, given, string.IsNullOrEmpty(patronymic) ? null : patronymic);
    }

    private CdaServiceEvent? ServiceEvent(XElement? e, string path)
    {
        if (e is null)
        {
            return null;
        }

        var code = e.Element(V3 + "code") is { } c ? Coded(c, path + "/code", required: true) : null;
        var time = e.Element(V3 + "effectiveTime");
        var low = Time(time?.Element(V3 + "low"), path + "/effectiveTime/low", required: false);
        var high = Time(time?.Element(V3 + "high"), path + "/effectiveTime/high", required: false);
        if (time is not null && time.Attribute("value") is not null)
        {
            high = Time(time, path + "/effectiveTime", required: false);
        }

        var performers = e.Elements(V3 + "performer").Select((p, i) => (p, i))
            .Select(x => Staff(x.p.Element(V3 + "assignedEntity"), $"{path}/performer[{x.i + 1}]/assignedEntity", "representedOrganization") is { } s
                ? new CdaPerformer((string?)x.p.Attribute("typeCode") ?? "PPRF", s) : null)
            .OfType<CdaPerformer>().ToList();
        return new CdaServiceEvent(code, low, high, performers);
    }

    private CdaEncounter? Encounter(XElement? e)
    {
        if (e is null)
        {
            return null;
        }

        const string path = "/ClinicalDocument/componentOf/encompassingEncounter";
        var ids = e.Elements(V3 + "id").Where(i => i.Attribute("root") is not null && i.Attribute("extension") is not null)
            .Select(i => ((string)i.Attribute("root")!, (string)i.Attribute("extension")!)).ToList();
        var code = e.Element(V3 + "code") is { } c ? Coded(c, path + "/code", required: true) : null;
        var time = e.Element(V3 + "effectiveTime");
        return new CdaEncounter(ids, code, Time(time?.Element(V3 + "low"), path + "/effectiveTime/low", false), Time(time?.Element(V3 + "high"), path + "/effectiveTime/high", false));
    }

    private CdaSection? Section(XElement? section, string path)
    {
        if (section is null)
        {
            return null;
        }

        var code = Coded(section.Element(V3 + "code"), path + "/code", required: true);
        if (code is null)
        {
            return null;
        }

        var nested = section.Elements(V3 + "component")
            .Select((c, i) => Section(c.Element(V3 + "section"), $"{path}/component[{i + 1}]/section")).OfType<CdaSection>().ToList();
        return new CdaSection(code, section.Element(V3 + "title")?.Value.Trim() ?? code.Display ?? code.Code, section.Element(V3 + "text"), nested);
    }

    private CdaCode? Coded(XElement? element, string path, bool required)
    {
        if (element is null || element.Attribute("nullFlavor") is not null)
        {
            if (required)
            {
                Problem(TranslationErrorCodes.MissingHeaderElement, "Нет обязательного кодированного элемента", path);
            }

            return null;
        }

        var code = (string?)element.Attribute("code");
        var system = (string?)element.Attribute("codeSystem");
        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(system))
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет атрибута code или codeSystem", path + (string.IsNullOrEmpty(code) ? "/@code" : "/@codeSystem"));
            return null;
        }

        var version = (string?)element.Attribute("codeSystemVersion");
        var name = (string?)element.Attribute("codeSystemName") ?? nsi?.NameOf(system);
        return new CdaCode(code, system, name, version, (string?)element.Attribute("displayName"));
    }

    private string? Time(XElement? element, string path, bool required)
    {
        if (element is null)
        {
            if (required)
            {
                Problem(TranslationErrorCodes.MissingHeaderElement, "Нет обязательного элемента времени", path);
            }

            return null;
        }

        if ((string?)element.Attribute("value") is not { } value)
        {
            return null;
        }

        if (CdaTime.ToFhir(value) is null)
        {
            Problem(TranslationErrorCodes.InvalidHeaderValue, $"Значение «{value}» не является датой/временем HL7 TS", path + "/@value");
            return null;
        }

        return value;
    }

    private (string? Root, string? Extension) IdPair(XElement? id, string path)
    {
        var root = (string?)id?.Attribute("root");
        var extension = (string?)id?.Attribute("extension");
        if (id is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Нет обязательного идентификатора", path);
        }
        else if (root is null || extension is null)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, "Идентификатор должен иметь root и extension", path + (root is null ? "/@root" : "/@extension"));
        }

        return (root, extension);
    }

    private string? Attr(XElement parent, string element, string attribute, string path, bool required)
    {
        var value = (string?)parent.Element(V3 + element)?.Attribute(attribute);
        if (value is null && required)
        {
            Problem(TranslationErrorCodes.MissingHeaderElement, $"Нет {element}/@{attribute}", $"{path}/{element}/@{attribute}");
        }

        return value;
    }

    private void Problem(string code, string message, string path)
    {
        if (!problems.Any(p => p.Code == code && p.Location == path))
        {
            problems.Add(new TranslationProblem(code, message, path));
        }
    }
}
