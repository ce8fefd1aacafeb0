using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads the CDA header (and narrative sections) of any kind from a FHIR R4 document Bundle; the inverse of <see cref="CdaHeaderToFhir"/>.
/// Codings keep the version and display sent; missing names, versions and displays come from the FNSI snapshot.
/// In strict mode every code of a held directory must exist there and SNILS check numbers are verified.
/// </summary>
internal sealed class FhirHeaderReader(Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems, bool strict)
{
    private const string C = "Bundle.entry[0].resource";
    private static readonly Regex MisRootPattern = new(@"^[0-2](\.([1-9][0-9]*|0))+\.100(\.([1-9][0-9]*|0))+$", RegexOptions.CultureInvariant);
    private static readonly Regex ZonedDateTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, int> index = BuildIndex(bundle);

    /// <summary>
    /// Identifiers must be rooted in a MIS instance (<c>….100.…</c>): <c>Bundle.identifier</c> <c>&lt;root&gt;.51</c>,
    /// <c>Composition.identifier</c> <c>&lt;root&gt;.50</c>, local ids of patient and staff <c>&lt;root&gt;.10</c> / <c>.70</c>
    /// (any identifier of the resource may carry it). Off by default.
    /// </summary>
    public bool MisRootedIdentifiers { get; init; }

    /// <summary>Date-times must have a time and a zone (<c>yyyy-MM-ddThh:mm[:ss[.f]]±hh:mm</c> or <c>Z</c>). Off by default.</summary>
    public bool ZonedDateTimes { get; init; }

    /// <summary><c>Patient.birthDate</c> must be a full date <c>yyyy-MM-dd</c>. Off by default.</summary>
    public bool FullBirthDate { get; init; }

    /// <summary>
    /// Addresses are complete: six digits of postal code, both FIAS guids, and the patient's first address has its type (1.2.643.5.1.13.13.11.1504).
    /// Off by default.
    /// </summary>
    public bool CompleteAddresses { get; init; }

    /// <summary><c>PractitionerRole.organization</c> is required (a missing reference is reported). Off by default.</summary>
    public bool StaffOrganizationRequired { get; init; }

    /// <summary>A position code problem is located at its coding (<c>code[i].coding[j].code</c>) instead of <c>code</c>. Off by default.</summary>
    public bool CodingLevelLocations { get; init; }

    public string? Kind { get; private set; }

    /// <summary>The FNSI catalog this document's codes are checked against (the view dated by the document, as the translator made it).</summary>
    public NsiCatalog Nsi => nsi;

    public Composition? Composition => bundle.Entry.FirstOrDefault()?.Resource as Composition;

    public CdaHeader? Read()
    {
        if (bundle.Type != Bundle.BundleType.Document)
        {
            Problem(TranslationErrorCodes.NotADocument, "Bundle.type должен быть document", "Bundle.type");
        }

        if (Composition is not { } composition)
        {
            Problem(TranslationErrorCodes.FirstEntryNotComposition, "Первый элемент Bundle.entry должен быть Composition", "Bundle.entry[0].resource");
            return null;
        }

        var codings = composition.Type?.Coding ?? [];
        Kind = codings.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        var info = SemdKinds.ByKind(Kind);
        if (info is null)
        {
            Problem(TranslationErrorCodes.WrongDocumentKind, $"Composition.type: вид документа {Kind ?? "(нет)"} (1.2.643.5.1.13.13.11.1520) не поддерживается", C + ".type");
            return null;
        }

        CdaCode? code;
        var translations = new List<CdaCode>();
        var typeIndex = codings.FindIndex(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem);
        if (typeIndex >= 0)
        {
            code = Code(codings[typeIndex], $"{C}.type.coding[{typeIndex}]");
        }
        else if (info.TypeCode is not null)
        {
            code = Code(new Coding("urn:oid:" + SemdKinds.DocTypeSystem, info.TypeCode), C + ".type");
        }
        else
        {
            var kindIndex = codings.FindIndex(x => x.System == "urn:oid:" + SemdKinds.KindSystem);
            code = Code(codings[kindIndex], $"{C}.type.coding[{kindIndex}]");
            for (var i = 0; i < codings.Count; i++)
            {
                if (i != kindIndex && Code(codings[i], $"{C}.type.coding[{i}]") is { } t)
                {
                    translations.Add(t);
                }
            }
        }

        var (idRoot, idExtension) = OidIdentifier(bundle.Identifier, "Bundle.identifier", "Bundle.identifier (система urn:oid:<корень МИС>.51)", ".51");
        var (setRoot, setExtension) = OidIdentifier(composition.Identifier, C + ".identifier", "Composition.identifier (система urn:oid:<корень МИС>.50)", ".50");
        var version = 1;
        if (composition.Meta?.VersionId is { } v && (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
        {
            Problem(TranslationErrorCodes.InvalidValue, "Composition.meta.versionId должен быть целым числом ≥ 1", C + ".meta.versionId");
            version = 1;
        }

        if (string.IsNullOrWhiteSpace(composition.Title))
        {
            Problem(TranslationErrorCodes.MissingElement, "Composition.title обязателен", C + ".title");
        }

        var date = Ts(composition.DateElement, C + ".date", required: strict);
        var security = composition.Meta?.Security.FirstOrDefault(x => x.System == "urn:oid:1.2.643.5.1.13.13.99.2.285");
        var confidentiality = security is not null
            ? Code(security, C + ".meta.security")
            : Code(new Coding("urn:oid:1.2.643.5.1.13.13.99.2.285", composition.Confidentiality?.ToString() ?? "N"), C + ".confidentiality");
        var patient = Patient(composition.Subject, C + ".subject");
        var author = composition.Author.Count == 0
            ? Missing<CdaStaff>(TranslationErrorCodes.UnresolvedReference, "Composition.author обязателен", C + ".author")
            : Staff(composition.Author[0], C + ".author[0]", withSnils: true);
        var custodian = Organization(composition.Custodian, C + ".custodian", required: true);
        var attesterIndex = composition.Attester.FindIndex(a => a.Mode == Composition.CompositionAttestationMode.Legal);
        CdaStaff? legal = null;
        string? legalTime = null;
        if (attesterIndex < 0)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "Composition.attester с mode = legal обязателен", C + ".attester");
        }
        else
        {
            legal = Staff(composition.Attester[attesterIndex].Party, $"{C}.attester[{attesterIndex}].party", withSnils: true);
            legalTime = Ts(composition.Attester[attesterIndex].TimeElement, $"{C}.attester[{attesterIndex}].time", required: false);
        }

        if (patient is not null && patient.Provider is null && custodian is not null)
        {
            patient = patient with { Provider = custodian with { DepartmentOid = author?.Organization?.DepartmentOid } };
        }

        CdaServiceEvent? serviceEvent = null;
        if (composition.Event.FirstOrDefault() is { } ev)
        {
            var evCoding = ev.Code.SelectMany(c => c.Coding).FirstOrDefault();
            var performers = new List<CdaPerformer>();
            for (var i = 0; i < ev.Detail.Count; i++)
            {
                if (Staff(ev.Detail[i], $"{C}.event[0].detail[{i}]", withSnils: false) is { } s)
                {
                    performers.Add(new CdaPerformer(i == 0 ? "PPRF" : "SPRF", s));
                }
            }

            serviceEvent = new CdaServiceEvent(evCoding is null ? null : Code(evCoding, C + ".event[0].code"),
                CdaTime.ToTs(ev.Period?.Start), CdaTime.ToTs(ev.Period?.End), performers);
        }

        CdaEncounter? encounter = null;
        if (composition.Encounter is not null && Resolve(composition.Encounter, C + ".encounter") is { Resource: Encounter enc } encTarget)
        {
            var typeCoding = enc.Type.SelectMany(t => t.Coding).FirstOrDefault();
            encounter = new CdaEncounter(
                enc.Identifier.Where(i => Oid(i.System) is not null && i.Value is not null).Select(i => (Oid(i.System)!, i.Value!)).ToList(),
                typeCoding is null ? null : Code(typeCoding, $"Bundle.entry[{encTarget.Index}].resource.type"),
                CdaTime.ToTs(enc.Period?.Start), CdaTime.ToTs(enc.Period?.End));
        }

        if (idRoot is null || idExtension is null || code is null || string.IsNullOrWhiteSpace(composition.Title) || confidentiality is null
            || setRoot is null || setExtension is null || patient is null || author is null || custodian is null || legal is null)
        {
            return null;
        }

        return new CdaHeader(info.TemplateId, idRoot, idExtension, code, translations, composition.Title!, date, confidentiality,
            setRoot, setExtension, version, patient, null, author, custodian, legalTime, legal, serviceEvent, encounter);
    }

    /// <summary>The sections of the Composition with their narrative (nested sections kept).</summary>
    public IReadOnlyList<CdaSection> Sections() =>
        Composition is { } c ? c.Section.Select((s, i) => Section(s, $"{C}.section[{i}]")).OfType<CdaSection>().ToList() : [];

    public CdaSection? Section(Composition.SectionComponent s, string path)
    {
        var coding = s.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + LaboratoryFhirToSemdTranslator.SectionSystem);
        if (coding is null)
        {
            Problem(TranslationErrorCodes.MissingElement, "Composition.section.code (1.2.643.5.1.13.13.99.2.197) обязателен", path + ".code");
            return null;
        }

        var code = Code(coding, path + ".code");
        var text = CdaNarrative.ToCda(s.Text?.Div);
        if (text is null)
        {
            Problem(TranslationErrorCodes.InvalidValue, "section.text.div не является корректным XHTML", path + ".text.div");
        }

        if (code is null)
        {
            return null;
        }

        var nested = s.Section.Select((n, i) => Section(n, $"{path}.section[{i}]")).OfType<CdaSection>().ToList();
        return new CdaSection(code, string.IsNullOrWhiteSpace(s.Title) ? code.Display ?? code.Code : s.Title!, text, nested);
    }

    public CdaCode? Code(Coding coding, string path)
    {
        if (Oid(coding.System) is not { } system || string.IsNullOrEmpty(coding.Code))
        {
            Problem(TranslationErrorCodes.MissingElement, "Coding должен иметь system urn:oid:… и code", path);
            return null;
        }

        var entry = nsi.Find(system, coding.Code);
        if (entry is null && nsi.HasDirectory(system) && (strict || string.IsNullOrEmpty(coding.Display)))
        {
            Problem(TranslationErrorCodes.UnknownCode, $"Код {coding.Code} отсутствует в справочнике {nsi.Describe(system)}", path);
            return null;
        }

        var name = nsi.NameOf(system) ?? SemdKinds.DirectoryNames.GetValueOrDefault(system);
        if (strict && entry is not null)
        {
            return new CdaCode(entry.Code, system, entry.DirectoryName, entry.Version, entry.Display);
        }

        return new CdaCode(coding.Code, system, name, coding.Version ?? entry?.Version, coding.Display ?? entry?.Display);
    }

    private CdaPatient? Patient(ResourceReference? reference, string path)
    {
        if (Resolve(reference, path) is not { } target)
        {
            return null;
        }

        if (target.Resource is not Patient patient)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "Composition.subject должен ссылаться на Patient", path);
            return null;
        }

        var p = $"Bundle.entry[{target.Index}].resource";
        var (localRoot, localId) = LocalId(patient.Identifier, p, ".10");
        var snils = ReadSnils(patient.Identifier, p);
        CdaIdentityDocument? document = null;
        CdaPolicy? policy = null;
        for (var i = 0; i < patient.Identifier.Count; i++)
        {
            var identifier = patient.Identifier[i];
            var docType = identifier.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + CdaHeaderToFhir.IdentityDocumentTypeSystem);
            var policyType = identifier.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + LaboratoryFhirToSemdTranslator.PolicySystem);
            var (series, number) = Split(identifier.Value);
            if (docType is not null && number is not null && Code(docType, $"{p}.identifier[{i}].type") is { } dt)
            {
                document = new CdaIdentityDocument(dt, series, number, identifier.Assigner?.Display, identifier.Assigner?.Identifier?.Value,
                    CdaTime.ToTs(identifier.Period?.Start));
            }
            else if (policyType is not null && number is not null && Code(policyType, $"{p}.identifier[{i}].type") is { } pt)
            {
                policy = new CdaPolicy(pt, series, number);
            }
        }

        var name = Name(patient.Name, p);
        CdaCode? gender = null;
        if (patient.Gender is { } g)
        {
            gender = Code(new Coding("urn:oid:" + LaboratoryFhirToSemdTranslator.GenderSystem, g switch { AdministrativeGender.Male => "1", AdministrativeGender.Female => "2", _ => "3" }), p + ".gender");
        }
        else
        {
            Problem(TranslationErrorCodes.MissingElement, "Patient.gender обязателен", p + ".gender");
        }

        var birth = CdaTime.ToTs(patient.BirthDate);
        if (FullBirthDate && !string.IsNullOrEmpty(patient.BirthDate)
            && !DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Problem(TranslationErrorCodes.InvalidValue, "Patient.birthDate должен быть полной датой yyyy-MM-dd", p + ".birthDate");
            birth = null;
        }
        else if (birth is null)
        {
            Problem(TranslationErrorCodes.MissingElement, "Patient.birthDate обязателен (yyyy-MM-dd)", p + ".birthDate");
        }

        var addresses = patient.Address.Select((a, i) => Address(a, $"{p}.address[{i}]", requireType: CompleteAddresses && i == 0)).ToList();
        if (strict && addresses.Count == 0)
        {
            Problem(TranslationErrorCodes.MissingElement, "Patient.address обязателен", p + ".address");
        }

        var provider = patient.ManagingOrganization is null ? null : Organization(patient.ManagingOrganization, p + ".managingOrganization", required: false);
        return new CdaPatient(localRoot, localId, snils, document, policy, addresses, patient.Telecom.Select(Telecom).OfType<CdaTelecom>().ToList(),
            name, gender, birth, provider);
    }

    /// <summary>Reads a PractitionerRole (with its Practitioner and Organization) as a header staff member.</summary>
    public CdaStaff? Staff(ResourceReference? reference, string path, bool withSnils)
    {
        if (Resolve(reference, path) is not { } target)
        {
            return null;
        }

        if (target.Resource is not PractitionerRole role)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "Ссылка должна указывать на PractitionerRole", path);
            return null;
        }

        var rp = $"Bundle.entry[{target.Index}].resource";
        var positionCoding = role.Code.SelectMany(cc => cc.Coding).FirstOrDefault(x => x.System == "urn:oid:" + LaboratoryFhirToSemdTranslator.PositionSystem);
        CdaCode? position = null;
        if (positionCoding is null)
        {
            Problem(TranslationErrorCodes.MissingElement, "PractitionerRole.code (должность, 1.2.643.5.1.13.13.11.1002) обязателен", rp + ".code");
        }
        else if (CodingLevelLocations)
        {
            var ci = role.Code.FindIndex(cc => cc.Coding.Contains(positionCoding));
            position = Code(positionCoding, $"{rp}.code[{ci}].coding[{role.Code[ci].Coding.IndexOf(positionCoding)}].code");
        }
        else
        {
            position = Code(positionCoding, rp + ".code");
        }

        var organization = role.Organization is null && !StaffOrganizationRequired ? null : Organization(role.Organization, rp + ".organization", required: strict);
        if (Resolve(role.Practitioner, rp + ".practitioner") is not { Resource: Practitioner practitioner } who)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "PractitionerRole.practitioner должен ссылаться на Practitioner", rp + ".practitioner");
            return null;
        }

        var pp = $"Bundle.entry[{who.Index}].resource";
        var (localRoot, localId) = LocalId(practitioner.Identifier, pp, ".70");
        var snils = withSnils ? ReadSnils(practitioner.Identifier, pp) : Snils.Normalize(practitioner.Identifier.FirstOrDefault(i => i.System == LaboratoryFhirToSemdTranslator.SnilsSystem)?.Value);
        var name = Name(practitioner.Name, pp);
        var address = practitioner.Address.Count == 0 ? null : Address(practitioner.Address[0], pp + ".address[0]");
        if (position is null || name is null)
        {
            return null;
        }

        return new CdaStaff(localRoot, localId, snils, position, name, address, role.Telecom.Select(Telecom).OfType<CdaTelecom>().ToList(), organization);
    }

    private CdaOrganization? Organization(ResourceReference? reference, string path, bool required)
    {
        if (Resolve(reference, path) is not { } target)
        {
            return null;
        }

        if (target.Resource is not Organization organization)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "Ссылка должна указывать на Organization", path);
            return null;
        }

        var p = $"Bundle.entry[{target.Index}].resource";
        string? department = null;
        if (organization.PartOf is not null)
        {
            department = OrganizationOid(organization, p);
            if (Resolve(organization.PartOf, p + ".partOf") is not { Resource: Organization parent } parentTarget)
            {
                return null;
            }

            organization = parent;
            p = $"Bundle.entry[{parentTarget.Index}].resource";
        }

        var oid = OrganizationOid(organization, p);
        if (string.IsNullOrWhiteSpace(organization.Name))
        {
            Problem(TranslationErrorCodes.MissingElement, "Organization.name обязателен", p + ".name");
        }

        if (required && organization.Address.Count == 0)
        {
            Problem(TranslationErrorCodes.MissingElement, "Organization.address обязателен", p + ".address");
        }

        var ogrn = organization.Identifier.FirstOrDefault(i => i.System == LaboratoryFhirToSemdTranslator.OgrnSystem)?.Value;
        var address = organization.Address.Count == 0 ? null : Address(organization.Address[0], p + ".address[0]");
        return oid is null ? null : new CdaOrganization(oid, department, organization.Name, ogrn,
            organization.Telecom.Select(Telecom).OfType<CdaTelecom>().ToList(), address);
    }

    private string? OrganizationOid(Organization organization, string path)
    {
        if (organization.Identifier.FirstOrDefault(i => i.System == "urn:ietf:rfc:3986" && Oid(i.Value) is not null) is { } id)
        {
            return Oid(id.Value);
        }

        Problem(TranslationErrorCodes.MissingElement, "Organization.identifier (OID по ФРМО, system urn:ietf:rfc:3986, value urn:oid:…) обязателен", path + ".identifier");
        return null;
    }

    public CdaAddress Address(Address address, string path, bool requireType = false)
    {
        CdaCode? type = null;
        CdaCode? region = null;
        string? aoGuid = null;
        string? houseGuid = null;
        foreach (var extension in address.Extension)
        {
            switch (extension.Url)
            {
                case LaboratoryFhirToSemdTranslator.AddressTypeExtension when extension.Value is CodeableConcept cc && cc.Coding.FirstOrDefault() is { } coding:
                    type = Code(coding, path + ".extension");
                    break;
                case LaboratoryFhirToSemdTranslator.RegionExtension when extension.Value is CodeableConcept cc && cc.Coding.FirstOrDefault() is { } coding:
                    region = Code(coding, path + ".extension");
                    break;
                case LaboratoryFhirToSemdTranslator.FiasExtension:
                    aoGuid = (extension.GetExtension("aoguid")?.Value as Identifier)?.Value;
                    houseGuid = (extension.GetExtension("houseguid")?.Value as Identifier)?.Value;
                    break;
            }
        }

        if (strict && (string.IsNullOrWhiteSpace(address.Text) || region is null || aoGuid is null || address.PostalCode is not { Length: 6 }))
        {
            Problem(TranslationErrorCodes.MissingElement, "В адресе нужны text, postalCode (6 цифр), regionRF и fias (aoguid, houseguid)", path);
        }
        else if (CompleteAddresses && (houseGuid is null || address.PostalCode is not { } postalCode || !postalCode.All(char.IsAsciiDigit)))
        {
            Problem(TranslationErrorCodes.MissingElement, "В адресе нужны postalCode (6 цифр) и fias (aoguid, houseguid)", path);
        }

        if (requireType && type is null)
        {
            Problem(TranslationErrorCodes.MissingElement, "В адресе нет: расширение address-type (1.2.643.5.1.13.13.11.1504)", path);
        }

        return new CdaAddress(type, address.Text, region, address.PostalCode, aoGuid, houseGuid);
    }

    public static CdaTelecom? Telecom(ContactPoint c)
    {
        if (string.IsNullOrWhiteSpace(c.Value))
        {
            return null;
        }

        var value = c.System switch
        {
            ContactPoint.ContactPointSystem.Phone => "tel:" + c.Value.Replace(" ", string.Empty, StringComparison.Ordinal),
            ContactPoint.ContactPointSystem.Email => "mailto:" + c.Value,
            ContactPoint.ContactPointSystem.Fax => "fax:" + c.Value,
            _ => c.Value,
        };
        var use = c.Use switch
        {
            ContactPoint.ContactPointUse.Work => "WP",
            ContactPoint.ContactPointUse.Home => "HP",
            ContactPoint.ContactPointUse.Mobile => "MC",
            _ => null,
        };
        return new CdaTelecom(use, value);
    }

    private string? ReadSnils(List<Identifier> identifiers, string path)
    {
        var i = identifiers.FindIndex(x => x.System == LaboratoryFhirToSemdTranslator.SnilsSystem);
        if (i < 0)
        {
            Problem(TranslationErrorCodes.MissingSnils, "Нет СНИЛС (identifier с system urn:oid:1.2.643.100.3)", path + ".identifier");
            return null;
        }

        var digits = Snils.Normalize(identifiers[i].Value);
        if (digits is null || (strict && !Snils.HasValidChecksum(digits)))
        {
            Problem(TranslationErrorCodes.InvalidSnils, "СНИЛС неверен (не 11 цифр или неверное контрольное число)", $"{path}.identifier[{i}].value");
            return null;
        }

        return digits;
    }

    /// <summary>Whether <paramref name="root"/> is <c>&lt;MIS instance root&gt;&lt;suffix&gt;</c> (a MIS root has a <c>.100.</c> arc).</summary>
    public static bool IsMisRooted(string root, string suffix) =>
        root.EndsWith(suffix, StringComparison.Ordinal) && MisRootPattern.IsMatch(root[..^suffix.Length]);

    private (string? Root, string? Value) LocalId(List<Identifier> identifiers, string path, string suffix)
    {
        var local = MisRootedIdentifiers
            ? identifiers.FirstOrDefault(x => Oid(x.System) is { } o && IsMisRooted(o, suffix) && !string.IsNullOrEmpty(x.Value))
            : identifiers.FirstOrDefault(x => Oid(x.System) is { } o && x.System != LaboratoryFhirToSemdTranslator.SnilsSystem && x.Type is null && !string.IsNullOrEmpty(x.Value));
        if (local is null || (strict && !Oid(local.System)!.EndsWith(suffix, StringComparison.Ordinal)))
        {
            Problem(TranslationErrorCodes.MissingElement, $"Нет местного идентификатора (system urn:oid:<корень МИС>{suffix})", path + ".identifier");
            return (null, null);
        }

        return (Oid(local.System), local.Value);
    }

    private CdaName? Name(List<HumanName> names, string path)
    {
        var name = names.FirstOrDefault();
        var given = name?.Given.ToList() ?? [];
        if (name is null || string.IsNullOrWhiteSpace(name.Family) || given.Count == 0 || string.IsNullOrWhiteSpace(given[0]))
        {
            Problem(TranslationErrorCodes.MissingElement, "Имя обязательно: name[0].family и name[0].given[0] (отчество — given[1])", path + ".name");
            return null;
        }

        return new CdaName(name.Family!, given[0]!, given.Count > 1 ? given[1] : null);
    }

    private (string? Root, string? Value) OidIdentifier(Identifier? identifier, string path, string what, string suffix)
    {
        if (identifier?.Value is not { Length: > 0 } value || Oid(identifier.System) is not { } root)
        {
            Problem(TranslationErrorCodes.MissingElement, what + " обязателен", path);
            return (null, null);
        }

        if (MisRootedIdentifiers && !IsMisRooted(root, suffix))
        {
            Problem(TranslationErrorCodes.InvalidValue, $"{what[..what.IndexOf(' ', StringComparison.Ordinal)]}.system должен быть urn:oid:<корень МИС>{suffix}", path + ".system");
            return (null, null);
        }

        return (root, value);
    }

    private string? Ts(FhirDateTime? element, string path, bool required)
    {
        if (element?.Value is not { Length: > 0 } value)
        {
            if (required)
            {
                Problem(TranslationErrorCodes.MissingElement, "Дата и время обязательны", path);
            }

            return null;
        }

        var ts = CdaTime.ToTs(value);
        if (ts is null || (strict && !value.Contains('T', StringComparison.Ordinal)) || (ZonedDateTimes && !ZonedDateTime.IsMatch(value)))
        {
            Problem(TranslationErrorCodes.InvalidValue, "Нужна дата и время с часовым поясом", path);
            return null;
        }

        return ts;
    }

    private static (string? Series, string? Number) Split(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return (null, null);
        }

        var trimmed = value.Trim();
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (null, trimmed) : (trimmed[..space], trimmed[(space + 1)..]);
    }

    public (Resource Resource, int Index)? Resolve(ResourceReference? reference, string path)
    {
        if (reference?.Reference is not { Length: > 0 } target)
        {
            Problem(TranslationErrorCodes.UnresolvedReference, "Ссылка отсутствует", path);
            return null;
        }

        if (index.TryGetValue(target, out var i) && bundle.Entry[i].Resource is { } resource)
        {
            return (resource, i);
        }

        Problem(TranslationErrorCodes.UnresolvedReference, $"Ссылка {target} не найдена в Bundle", path + ".reference");
        return null;
    }

    private T? Missing<T>(string code, string message, string path)
    {
        Problem(code, message, path);
        return default;
    }

    public void Problem(string code, string message, string? path)
    {
        if (!problems.Any(p => p.Code == code && p.Location == path))
        {
            problems.Add(new TranslationProblem(code, message, path));
        }
    }

    private static string? Oid(string? system) =>
        system is not null && system.StartsWith("urn:oid:", StringComparison.Ordinal) ? system["urn:oid:".Length..] : null;

    private static Dictionary<string, int> BuildIndex(Bundle bundle)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].FullUrl is { Length: > 0 } fullUrl)
            {
                map.TryAdd(fullUrl, i);
            }

            if (bundle.Entry[i].Resource is { Id.Length: > 0 } resource)
            {
                map.TryAdd(resource.TypeName + "/" + resource.Id, i);
            }
        }

        return map;
    }
}
