using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a laboratory study into SEMD kind 186
/// («Протокол лабораторного исследования (CDA) Редакция 5», templateId 1.2.643.5.1.13.13.14.7.9.5).
/// Pure and deterministic: the same Bundle gives the same bytes; <c>Bundle.signature</c> does not change the rendering.
/// The profile the input must follow is <c>Schemas/fhir/laboratory-186.md</c>.
/// </summary>
public sealed class LaboratoryFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>Largest accepted JSON input.</summary>
    public const int MaxInputBytes = 16 * 1024 * 1024;

    internal const string SnilsSystem = "urn:oid:1.2.643.100.3";
    internal const string OgrnSystem = "urn:oid:1.2.643.100.1";
    internal const string KindSystem = "1.2.643.5.1.13.13.11.1520";
    internal const string DocTypeSystem = "1.2.643.5.1.13.13.11.1522";
    internal const string SectionSystem = "1.2.643.5.1.13.13.99.2.197";
    internal const string PositionSystem = "1.2.643.5.1.13.13.11.1002";
    internal const string TestSystem = "1.2.643.5.1.13.13.11.1080";
    internal const string UnitSystem = "1.2.643.5.1.13.13.11.1358";
    internal const string GenderSystem = "1.2.643.5.1.13.13.11.1040";
    internal const string PolicySystem = "1.2.643.5.1.13.13.11.1035";
    internal const string AddressTypeSystem = "1.2.643.5.1.13.13.11.1504";
    internal const string RegionSystem = "1.2.643.5.1.13.13.99.2.206";
    internal const string SpecimenTypeSystem = "1.2.643.5.1.13.13.99.2.1019";
    internal const string InterpretationSystem = "1.2.643.5.1.13.13.99.2.257";
    internal const string AddressTypeExtension = "https://fhir.ru/ig/core/StructureDefinition/address-type";
    internal const string RegionExtension = "https://fhir.ru/ig/core/StructureDefinition/regionRF";
    internal const string FiasExtension = "https://fhir.ru/ig/core/StructureDefinition/fias";

    // Directories that the snapshots in shared/data/nsi do not hold: their codings are taken as sent (code, display, version).
    private static readonly Dictionary<string, string> UnsnapshottedNames = new(StringComparer.Ordinal)
    {
        [SpecimenTypeSystem] = "Виды биоматериалов для лабораторных исследований",
        [InterpretationSystem] = "Интерпретация результатов лабораторного исследования",
    };

    private static readonly Regex MisRoot = new(@"^[0-2](\.([1-9][0-9]*|0))+\.100(\.([1-9][0-9]*|0))+$", RegexOptions.CultureInvariant);
    private static readonly Regex ZonedDateTime = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant);

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public LaboratoryFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "186";

    /// <summary>Translates FHIR R4 JSON (a document Bundle).</summary>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson)
    {
        var problems = new List<TranslationProblem>();
        if (fhirJson.Length > MaxInputBytes)
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.MalformedJson, $"Документ больше {MaxInputBytes} байт", null));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(fhirJson.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : null;
            return Failed(new TranslationProblem(TranslationErrorCodes.MalformedJson, "Некорректный JSON: " + FirstLine(ex.Message), at));
        }

        if (node is not JsonObject root)
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.NotABundle, "Ожидается ресурс FHIR Bundle (объект JSON)", "Bundle"));
        }

        if (root["resourceType"]?.GetValueKind() != JsonValueKind.String || (string?)root["resourceType"] != "Bundle")
        {
            return Failed(new TranslationProblem(TranslationErrorCodes.NotABundle, "Ожидается ресурс Bundle, получен " + (root["resourceType"]?.ToJsonString() ?? "ресурс без resourceType"), "Bundle.resourceType"));
        }

        // Signature data is checked on the raw text: the FHIR parser would reject the whole Bundle for bad base64.
        if (root["signature"] is JsonObject signature && signature["data"] is { } data)
        {
            if (data.GetValueKind() != JsonValueKind.String || !IsBase64((string)data!))
            {
                problems.Add(new TranslationProblem(TranslationErrorCodes.InvalidSignature, "Bundle.signature.data не является base64", "Bundle.signature.data"));
                signature.Remove("data");
            }
        }

        Bundle bundle;
        try
        {
            var deserializer = new FhirJsonDeserializer(new DeserializerSettings());
            bundle = deserializer.Deserialize<Bundle>(root.ToJsonString());
        }
        catch (DeserializationFailedException ex)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.NotFhir, "Ресурс не соответствует FHIR R4: " + FirstLine(ex.Message), "Bundle"));
            if (ex.PartialResult is not Bundle partial)
            {
                return Failed(problems);
            }

            bundle = partial;
        }

        return Translate(bundle, problems);
    }

    /// <summary>Translates a parsed document Bundle.</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        // Codes are checked against the FNSI versions in force on the document date (Composition.date).
        var nsi = this.nsi.On(FhirDocumentDate.Of(bundle));
        var reader = new Reader(bundle, nsi, problems);
        var document = reader.Read();
        var facts = document is null ? null : reader.Facts(document);
        if (document is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        return new SemdTranslation(true, Semd186Writer.Write(document), facts, problems);
    }

    private static SemdTranslation Failed(params TranslationProblem[] problems) => Failed(problems.ToList());

    private static SemdTranslation Failed(List<TranslationProblem> problems) => new(false, null, null, problems);

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return value.Length > 0 && Convert.TryFromBase64String(value, buffer, out _);
    }

    /// <summary>Reads and checks one Bundle; collects every problem instead of stopping at the first.</summary>
    private sealed class Reader(Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems)
    {
        private readonly Dictionary<string, int> index = BuildIndex(bundle);

        public LaboratoryDocument? Read()
        {
            if (bundle.Type != Bundle.BundleType.Document)
            {
                Problem(TranslationErrorCodes.NotADocument, "Bundle.type должен быть document", "Bundle.type");
            }

            if (bundle.Entry.Count == 0 || bundle.Entry[0].Resource is not Composition composition)
            {
                Problem(TranslationErrorCodes.FirstEntryNotComposition, "Первый элемент Bundle.entry должен быть Composition", "Bundle.entry[0].resource");
                return null;
            }

            const string c = "Bundle.entry[0].resource";
            var (idRoot, idExtension) = DocumentId();
            var kind = composition.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + KindSystem);
            if (kind?.Code != "186")
            {
                Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 186 справочника 1.2.643.5.1.13.13.11.1520", c + ".type");
            }

            var setId = composition.Identifier;
            string? setRoot = null;
            if (setId?.Value is not { Length: > 0 } || Oid(setId.System) is not { } sr || !sr.EndsWith(".50", StringComparison.Ordinal) || !MisRoot.IsMatch(sr[..^3]))
            {
                Problem(TranslationErrorCodes.MissingElement, "Composition.identifier (набор версий, система urn:oid:<корень МИС>.50) обязателен", c + ".identifier");
            }
            else
            {
                setRoot = sr;
            }

            var version = 1;
            if (composition.Meta?.VersionId is { } v && (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out version) || version < 1))
            {
                Problem(TranslationErrorCodes.InvalidValue, "Composition.meta.versionId должен быть целым числом ≥ 1", c + ".meta.versionId");
                version = 1;
            }

            var date = DateTime(composition.Date, c + ".date", "Composition.date");
            if (string.IsNullOrWhiteSpace(composition.Title))
            {
                Problem(TranslationErrorCodes.MissingElement, "Composition.title обязателен", c + ".title");
            }

            var patient = ReadPatient(composition.Subject, c + ".subject");
            var author = composition.Author.Count == 0
                ? Missing<StaffInfo>(TranslationErrorCodes.UnresolvedReference, "Composition.author обязателен", c + ".author")
                : ReadStaff(composition.Author[0], c + ".author[0]");
            var attesterIndex = composition.Attester.FindIndex(a => a.Mode == Composition.CompositionAttestationMode.Legal);
            var legal = attesterIndex < 0
                ? Missing<StaffInfo>(TranslationErrorCodes.UnresolvedReference, "Composition.attester с mode = legal обязателен", c + ".attester")
                : ReadStaff(composition.Attester[attesterIndex].Party, $"{c}.attester[{attesterIndex}].party");
            var custodian = ReadOrganization(composition.Custodian, c + ".custodian");

            var sections = composition.Section;
            var results = new List<ResultInfo>();
            var specimens = new List<SpecimenInfo>();
            var devices = new List<DeviceInfo>();
            var reportIndex = -1;
            for (var s = 0; s < sections.Count; s++)
            {
                var code = sections[s].Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SectionSystem)?.Code;
                if (code is not ("RESLAB" or "SPECIMENS" or "ANALYSERS"))
                {
                    continue;
                }

                for (var e = 0; e < sections[s].Entry.Count; e++)
                {
                    var path = $"{c}.section[{s}].entry[{e}]";
                    if (Resolve(sections[s].Entry[e], path) is not { } target)
                    {
                        continue;
                    }

                    if (target.Resource is DiagnosticReport)
                    {
                        reportIndex = target.Index;
                    }
                }
            }

            DateTimeOffset? serviceFrom = null;
            DateTimeOffset? serviceTo = null;
            if (reportIndex < 0)
            {
                Problem(TranslationErrorCodes.NoResults, "Нет DiagnosticReport в секции RESLAB: документ без результатов", c + ".section");
            }
            else
            {
                var report = (DiagnosticReport)bundle.Entry[reportIndex].Resource!;
                var rp = $"Bundle.entry[{reportIndex}].resource";
                (serviceFrom, serviceTo) = Period(report.Effective, rp + ".effective");
                for (var r = 0; r < report.Result.Count; r++)
                {
                    var result = ReadResult(report.Result[r], $"{rp}.result[{r}]", specimens, devices);
                    if (result is not null)
                    {
                        results.Add(result);
                    }
                }

                if (report.Result.Count == 0)
                {
                    Problem(TranslationErrorCodes.NoResults, "DiagnosticReport.result пуст: документ без результатов", rp + ".result");
                }
            }

            var kindEntry = Nsi(KindSystem, "186", c + ".type");
            var docType = Nsi(DocTypeSystem, "7", c + ".type");
            var confidentiality = Nsi("1.2.643.5.1.13.13.99.2.285", composition.Confidentiality?.ToString() ?? "N", c + ".confidentiality");
            var serviceEvent = Nsi("1.2.643.5.1.13.13.99.2.726", "4", c + ".event");
            var secSpecimens = Nsi(SectionSystem, "SPECIMENS", c + ".section");
            var secAnalysers = Nsi(SectionSystem, "ANALYSERS", c + ".section");
            var secResults = Nsi(SectionSystem, "RESLAB", c + ".section");

            if (idRoot is null || idExtension is null || setRoot is null || date is null || patient is null || author is null || legal is null
                || custodian is null || serviceFrom is null || serviceTo is null || kindEntry is null || docType is null || confidentiality is null
                || serviceEvent is null || secSpecimens is null || secAnalysers is null || secResults is null || results.Count == 0)
            {
                return null;
            }

            return new LaboratoryDocument(
                idRoot, idExtension, setRoot, setId!.Value!, version, composition.Title!, date.Value, kindEntry, docType, confidentiality,
                patient, author, legal, custodian, serviceFrom.Value, serviceTo.Value, serviceEvent, specimens, devices, results,
                secSpecimens, secAnalysers, secResults);
        }

        public LaboratoryDocumentFacts Facts(LaboratoryDocument d)
        {
            var localUid = Guid.TryParse(bundle.Id, out var id) ? id : NameBasedUuid.ForDocument(d.IdRoot, d.IdExtension);
            var doctorRole = nsi.Find("1.2.643.5.1.13.13.99.2.368", "1")?.Code ?? "1";
            var signers = new List<SemdSignerFacts> { new(doctorRole, d.Author.Snils, d.Author.Position.Code, d.Author.Position.Display) };
            if (d.LegalAuthenticator.Snils != d.Author.Snils)
            {
                signers.Add(new SemdSignerFacts(doctorRole, d.LegalAuthenticator.Snils, d.LegalAuthenticator.Position.Code, d.LegalAuthenticator.Position.Display));
            }

            var signatures = new List<CarriedSignature>();
            if (bundle.Signature is { } signature)
            {
                if (signature.Data is not { Length: > 0 } bytes)
                {
                    if (!problems.Any(p => p.Location == "Bundle.signature.data"))
                    {
                        Problem(TranslationErrorCodes.InvalidSignature, "Bundle.signature.data отсутствует", "Bundle.signature.data");
                    }
                }
                else
                {
                    string? signer = null;
                    if (Resolve(signature.Who as ResourceReference, "Bundle.signature.who") is { } who)
                    {
                        var practitioner = who.Resource switch
                        {
                            PractitionerRole role when Resolve(role.Practitioner, $"Bundle.entry[{who.Index}].resource.practitioner") is { Resource: Practitioner p } => p,
                            Practitioner p => p,
                            _ => null,
                        };
                        signer = practitioner is null ? null : Snils.Normalize(practitioner.Identifier.FirstOrDefault(i => i.System == SnilsSystem)?.Value);
                    }

                    signatures.Add(new CarriedSignature(signer, bytes, "Bundle.signature"));
                }
            }

            return new LaboratoryDocumentFacts(
                "186", d.IdRoot, d.IdExtension, localUid, d.IdExtension, d.SetIdRoot, d.SetIdExtension, d.Version, d.Custodian.Oid,
                d.Author.Organization.DepartmentOid, d.Date,
                new SemdPatientFacts(d.Patient.Snils, d.Patient.Family, d.Patient.Given, d.Patient.Patronymic, d.Patient.BirthDate, d.Patient.Gender.Code),
                signers, signatures);
        }

        private (string? Root, string? Extension) DocumentId()
        {
            var identifier = bundle.Identifier;
            if (identifier?.Value is not { Length: > 0 } value)
            {
                Problem(TranslationErrorCodes.MissingElement, "Bundle.identifier (идентификатор документа, система urn:oid:<корень МИС>.51) обязателен", "Bundle.identifier");
                return (null, null);
            }

            if (Oid(identifier.System) is not { } root || !root.EndsWith(".51", StringComparison.Ordinal) || !MisRoot.IsMatch(root[..^3]))
            {
                Problem(TranslationErrorCodes.InvalidValue, "Bundle.identifier.system должен быть urn:oid:<корень МИС>.51", "Bundle.identifier.system");
                return (null, value);
            }

            return (root, value);
        }

        private PatientInfo? ReadPatient(ResourceReference? reference, string path)
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
            var snils = ReadSnils(patient.Identifier, p);
            var local = LocalId(patient.Identifier, ".10", p, "Patient.identifier (местный идентификатор, система urn:oid:<корень МИС>.10) обязателен");
            var name = ReadName(patient.Name, p);
            CodedValue? gender = null;
            if (patient.Gender is not { } g)
            {
                Problem(TranslationErrorCodes.MissingElement, "Patient.gender обязателен", p + ".gender");
            }
            else
            {
                var code = g switch { AdministrativeGender.Male => "1", AdministrativeGender.Female => "2", _ => "3" };
                gender = Nsi(GenderSystem, code, p + ".gender");
            }

            string? birthDate = null;
            if (string.IsNullOrEmpty(patient.BirthDate))
            {
                Problem(TranslationErrorCodes.MissingElement, "Patient.birthDate обязателен", p + ".birthDate");
            }
            else if (!DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Problem(TranslationErrorCodes.InvalidValue, "Patient.birthDate должен быть полной датой yyyy-MM-dd", p + ".birthDate");
            }
            else
            {
                birthDate = patient.BirthDate;
            }

            var address = patient.Address.Count == 0
                ? Missing<PostalAddress>(TranslationErrorCodes.MissingElement, "Patient.address обязателен", p + ".address")
                : ReadAddress(patient.Address[0], p + ".address[0]", requireType: true);

            CodedValue? policyType = null;
            string? policyNumber = null;
            for (var i = 0; i < patient.Identifier.Count; i++)
            {
                var typeCoding = patient.Identifier[i].Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + PolicySystem);
                if (typeCoding is not null)
                {
                    policyType = Nsi(PolicySystem, typeCoding.Code, $"{p}.identifier[{i}].type");
                    policyNumber = patient.Identifier[i].Value;
                    break;
                }
            }

            if (snils is null || local is null || name is null || gender is null || birthDate is null || address is null)
            {
                return null;
            }

            return new PatientInfo(local.Value.Root, local.Value.Value, snils, name.Value.Family, name.Value.Given, name.Value.Patronymic,
                gender, birthDate, address, policyType, policyNumber);
        }

        private StaffInfo? ReadStaff(ResourceReference? reference, string path)
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
            CodedValue? position = null;
            var positionCoding = role.Code.SelectMany(cc => cc.Coding).FirstOrDefault(x => x.System == "urn:oid:" + PositionSystem);
            if (positionCoding is null)
            {
                Problem(TranslationErrorCodes.MissingElement, "PractitionerRole.code (должность, 1.2.643.5.1.13.13.11.1002) обязателен", rp + ".code");
            }
            else
            {
                var ci = role.Code.FindIndex(cc => cc.Coding.Contains(positionCoding));
                var coding = role.Code[ci].Coding.IndexOf(positionCoding);
                position = Nsi(PositionSystem, positionCoding.Code, $"{rp}.code[{ci}].coding[{coding}].code");
            }

            var organization = ReadOrganization(role.Organization, rp + ".organization");
            if (Resolve(role.Practitioner, rp + ".practitioner") is not { } who)
            {
                return null;
            }

            if (who.Resource is not Practitioner practitioner)
            {
                Problem(TranslationErrorCodes.UnresolvedReference, "PractitionerRole.practitioner должен ссылаться на Practitioner", rp + ".practitioner");
                return null;
            }

            var pp = $"Bundle.entry[{who.Index}].resource";
            var snils = ReadSnils(practitioner.Identifier, pp);
            var local = LocalId(practitioner.Identifier, ".70", pp, "Practitioner.identifier (местный идентификатор, система urn:oid:<корень МИС>.70) обязателен");
            var name = ReadName(practitioner.Name, pp);
            if (snils is null || local is null || name is null || position is null || organization is null)
            {
                return null;
            }

            return new StaffInfo(local.Value.Root, local.Value.Value, snils, name.Value.Family, name.Value.Given, name.Value.Patronymic, position, organization);
        }

        private OrganizationInfo? ReadOrganization(ResourceReference? reference, string path)
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
            string? departmentOid = null;
            if (organization.PartOf is not null)
            {
                departmentOid = OrganizationOid(organization, p);
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

            var address = organization.Address.Count == 0
                ? Missing<PostalAddress>(TranslationErrorCodes.MissingElement, "Organization.address обязателен", p + ".address")
                : ReadAddress(organization.Address[0], p + ".address[0]", requireType: false);
            var ogrn = organization.Identifier.FirstOrDefault(i => i.System == OgrnSystem)?.Value;
            var phone = organization.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value;
            if (oid is null || address is null || string.IsNullOrWhiteSpace(organization.Name))
            {
                return null;
            }

            return new OrganizationInfo(oid, departmentOid, organization.Name, ogrn, phone, address);
        }

        private string? OrganizationOid(Organization organization, string path)
        {
            foreach (var identifier in organization.Identifier)
            {
                if (identifier.System == "urn:ietf:rfc:3986" && Oid(identifier.Value) is { } oid)
                {
                    return oid;
                }
            }

            Problem(TranslationErrorCodes.MissingElement, "Organization.identifier (OID по ФРМО, system urn:ietf:rfc:3986, value urn:oid:…) обязателен", path + ".identifier");
            return null;
        }

        private PostalAddress? ReadAddress(Address address, string path, bool requireType)
        {
            CodedValue? type = null;
            CodedValue? region = null;
            string? aoGuid = null;
            string? houseGuid = null;
            foreach (var extension in address.Extension)
            {
                switch (extension.Url)
                {
                    case AddressTypeExtension when extension.Value is CodeableConcept cc:
                        type = Nsi(AddressTypeSystem, cc.Coding.FirstOrDefault(x => x.System == "urn:oid:" + AddressTypeSystem)?.Code, path + ".extension");
                        break;
                    case RegionExtension when extension.Value is CodeableConcept cc:
                        region = Nsi(RegionSystem, cc.Coding.FirstOrDefault(x => x.System == "urn:oid:" + RegionSystem)?.Code, path + ".extension");
                        break;
                    case FiasExtension:
                        aoGuid = (extension.GetExtension("aoguid")?.Value as Identifier)?.Value;
                        houseGuid = (extension.GetExtension("houseguid")?.Value as Identifier)?.Value;
                        break;
                }
            }

            var complete = true;
            void Require(bool present, string what)
            {
                if (!present)
                {
                    complete = false;
                    Problem(TranslationErrorCodes.MissingElement, "В адресе нет: " + what, path);
                }
            }

            Require(!string.IsNullOrWhiteSpace(address.Text), "text");
            Require(address.PostalCode is { Length: 6 } pc && pc.All(char.IsAsciiDigit), "postalCode (6 цифр)");
            Require(region is not null, "расширение regionRF (1.2.643.5.1.13.13.99.2.206)");
            Require(aoGuid is not null && houseGuid is not null, "расширение fias (aoguid, houseguid)");
            if (requireType)
            {
                Require(type is not null, "расширение address-type (1.2.643.5.1.13.13.11.1504)");
            }

            return complete ? new PostalAddress(type, address.Text!, region!, address.PostalCode!, aoGuid!, houseGuid!) : null;
        }

        private ResultInfo? ReadResult(ResourceReference reference, string path, List<SpecimenInfo> specimens, List<DeviceInfo> devices)
        {
            if (Resolve(reference, path) is not { } target)
            {
                return null;
            }

            if (target.Resource is not Observation observation)
            {
                Problem(TranslationErrorCodes.UnresolvedReference, "DiagnosticReport.result должен ссылаться на Observation", path);
                return null;
            }

            var p = $"Bundle.entry[{target.Index}].resource";
            CodedValue? test = null;
            var codings = observation.Code?.Coding ?? [];
            var testIndex = codings.FindIndex(x => x.System == "urn:oid:" + TestSystem);
            if (testIndex < 0)
            {
                Problem(TranslationErrorCodes.MissingElement, "Observation.code с системой urn:oid:1.2.643.5.1.13.13.11.1080 обязателен", p + ".code");
            }
            else
            {
                test = Nsi(TestSystem, codings[testIndex].Code, $"{p}.code.coding[{testIndex}].code");
            }

            var effective = observation.Effective is FhirDateTime dt
                ? DateTime(dt.Value, p + ".effective", "Observation.effectiveDateTime")
                : Missing<DateTimeOffset?>(TranslationErrorCodes.MissingElement, "Observation.effectiveDateTime обязателен", p + ".effective");

            CodedValue? unit = null;
            string? unitSymbol = null;
            decimal? value = null;
            if (observation.Value is not Quantity quantity || quantity.Value is null)
            {
                Problem(TranslationErrorCodes.MissingElement, "Observation.valueQuantity с value обязателен", p + ".value");
            }
            else
            {
                value = quantity.Value;
                (unit, unitSymbol) = Unit(quantity, p + ".value");
            }

            var interpretation = Passthrough(observation.Interpretation.FirstOrDefault(), InterpretationSystem, p + ".interpretation[0]", "Observation.interpretation");
            decimal? low = null;
            decimal? high = null;
            string? rangeText = null;
            if (observation.ReferenceRange.FirstOrDefault() is { } range)
            {
                low = range.Low?.Value;
                high = range.High?.Value;
                rangeText = range.Text;
                if (range.Low is { } l)
                {
                    Unit(l, p + ".referenceRange[0].low");
                }

                if (range.High is { } h)
                {
                    Unit(h, p + ".referenceRange[0].high");
                }
            }

            var specimen = ReadSpecimen(observation.Specimen, p + ".specimen", specimens);
            var device = ReadDevice(observation.Device, p + ".device", devices);
            var performer = observation.Performer.Count == 0
                ? Missing<StaffInfo>(TranslationErrorCodes.UnresolvedReference, "Observation.performer обязателен", p + ".performer")
                : ReadStaff(observation.Performer[0], p + ".performer[0]");
            if (test is null || effective is null || value is null || unit is null || unitSymbol is null || interpretation is null
                || specimen is null || device is null || performer is null)
            {
                return null;
            }

            return new ResultInfo(test, effective.Value, value.Value, unit, unitSymbol, interpretation, low, high, rangeText, specimen, device, performer);
        }

        private (CodedValue? Unit, string? Symbol) Unit(Quantity quantity, string path)
        {
            if (quantity.System != "urn:oid:" + UnitSystem || string.IsNullOrEmpty(quantity.Code))
            {
                Problem(TranslationErrorCodes.MissingElement, "Единица измерения должна быть закодирована в urn:oid:1.2.643.5.1.13.13.11.1358 (system + code)", path + ".code");
                return (null, null);
            }

            var entry = nsi.Find(UnitSystem, quantity.Code);
            if (entry is null)
            {
                Problem(TranslationErrorCodes.UnknownCode, $"Код {quantity.Code} отсутствует в справочнике {nsi.Describe(UnitSystem)}", path + ".code");
                return (null, null);
            }

            return (CodedValue.Of(entry), entry.Columns.GetValueOrDefault("PRINTNAME") ?? entry.Columns.GetValueOrDefault("SHORTNAME") ?? entry.Code);
        }

        private SpecimenInfo? ReadSpecimen(ResourceReference? reference, string path, List<SpecimenInfo> specimens)
        {
            if (Resolve(reference, path) is not { } target)
            {
                return null;
            }

            var key = "entry" + target.Index;
            if (specimens.FirstOrDefault(s => s.Reference == key) is { } known)
            {
                return known;
            }

            if (target.Resource is not Specimen specimen)
            {
                Problem(TranslationErrorCodes.UnresolvedReference, "Observation.specimen должен ссылаться на Specimen", path);
                return null;
            }

            var p = $"Bundle.entry[{target.Index}].resource";
            var id = LocalId(specimen.Identifier, ".66", p, "Specimen.identifier (система urn:oid:<корень МИС>.66) обязателен");
            var type = Passthrough(specimen.Type, SpecimenTypeSystem, p + ".type", "Specimen.type");
            var (from, to) = specimen.Collection?.Collected is { } collected ? Period(collected, p + ".collection.collected") : Missing2(p + ".collection.collected", "Specimen.collection.collected");
            var received = DateTime(specimen.ReceivedTime, p + ".receivedTime", "Specimen.receivedTime");
            CodedValue? qtyUnit = null;
            string? qtySymbol = null;
            if (specimen.Collection?.Quantity is { } qty)
            {
                (qtyUnit, qtySymbol) = Unit(qty, p + ".collection.quantity");
            }

            if (id is null || type is null || from is null || to is null || received is null)
            {
                return null;
            }

            var info = new SpecimenInfo(key, id.Value.Root, id.Value.Value, type, from.Value, to.Value, received.Value,
                specimen.Collection?.Quantity?.Value, qtyUnit, qtySymbol, specimen.Note.FirstOrDefault()?.Text);
            specimens.Add(info);
            return info;
        }

        private DeviceInfo? ReadDevice(ResourceReference? reference, string path, List<DeviceInfo> devices)
        {
            if (Resolve(reference, path) is not { } target)
            {
                return null;
            }

            var key = "entry" + target.Index;
            if (devices.FirstOrDefault(d => d.Reference == key) is { } known)
            {
                return known;
            }

            if (target.Resource is not Device device)
            {
                Problem(TranslationErrorCodes.UnresolvedReference, "Observation.device должен ссылаться на Device", path);
                return null;
            }

            var p = $"Bundle.entry[{target.Index}].resource";
            var id = LocalId(device.Identifier, ".67", p, "Device.identifier (система urn:oid:<корень МИС>.67) обязателен");
            var model = device.DeviceName.FirstOrDefault()?.Name;
            if (string.IsNullOrWhiteSpace(model))
            {
                Problem(TranslationErrorCodes.MissingElement, "Device.deviceName обязателен", p + ".deviceName");
                return null;
            }

            if (id is null)
            {
                return null;
            }

            var info = new DeviceInfo(key, id.Value.Root, id.Value.Value, model);
            devices.Add(info);
            return info;
        }

        private CodedValue? Passthrough(CodeableConcept? concept, string system, string path, string what)
        {
            var coding = concept?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + system);
            if (coding is null || string.IsNullOrEmpty(coding.Code) || string.IsNullOrEmpty(coding.Display) || string.IsNullOrEmpty(coding.Version))
            {
                Problem(TranslationErrorCodes.MissingElement, $"{what}: нужен coding с system urn:oid:{system}, code, display и version", path);
                return null;
            }

            if (nsi.HasDirectory(system))
            {
                return Nsi(system, coding.Code, path);
            }

            return new CodedValue(coding.Code, system, UnsnapshottedNames.GetValueOrDefault(system, system), coding.Version, coding.Display);
        }

        private string? ReadSnils(List<Identifier> identifiers, string path)
        {
            var i = identifiers.FindIndex(x => x.System == SnilsSystem);
            if (i < 0)
            {
                Problem(TranslationErrorCodes.MissingSnils, "Нет СНИЛС (identifier с system urn:oid:1.2.643.100.3)", path + ".identifier");
                return null;
            }

            var digits = Snils.Normalize(identifiers[i].Value);
            if (digits is null || !Snils.HasValidChecksum(digits))
            {
                Problem(TranslationErrorCodes.InvalidSnils, "СНИЛС неверен (не 11 цифр или неверное контрольное число)", $"{path}.identifier[{i}].value");
                return null;
            }

            return digits;
        }

        private (string Root, string Value)? LocalId(List<Identifier> identifiers, string suffix, string path, string message)
        {
            foreach (var identifier in identifiers)
            {
                if (Oid(identifier.System) is { } root && root.EndsWith(suffix, StringComparison.Ordinal) && MisRoot.IsMatch(root[..^suffix.Length])
                    && identifier.Value is { Length: > 0 } value)
                {
                    return (root, value);
                }
            }

            Problem(TranslationErrorCodes.MissingElement, message, path + ".identifier");
            return null;
        }

        private (string Family, string Given, string? Patronymic)? ReadName(List<HumanName> names, string path)
        {
            var name = names.FirstOrDefault();
            var given = name?.Given.ToList() ?? [];
            if (name is null || string.IsNullOrWhiteSpace(name.Family) || given.Count == 0 || string.IsNullOrWhiteSpace(given[0]))
            {
                Problem(TranslationErrorCodes.MissingElement, "Имя обязательно: name[0].family и name[0].given[0] (отчество — given[1])", path + ".name");
                return null;
            }

            return (name.Family!, given[0]!, given.Count > 1 ? given[1] : null);
        }

        private (DateTimeOffset? From, DateTimeOffset? To) Period(DataType? value, string path)
        {
            switch (value)
            {
                case Period period:
                    return (DateTime(period.Start, path + ".start", "Period.start"), DateTime(period.End, path + ".end", "Period.end"));
                case FhirDateTime dt:
                    var at = DateTime(dt.Value, path, "dateTime");
                    return (at, at);
                default:
                    return Missing2(path, "Период (effectivePeriod/collectedPeriod)");
            }
        }

        private (DateTimeOffset?, DateTimeOffset?) Missing2(string path, string what)
        {
            Problem(TranslationErrorCodes.MissingElement, what + " обязателен", path);
            return (null, null);
        }

        private DateTimeOffset? DateTime(string? value, string path, string what)
        {
            if (string.IsNullOrEmpty(value))
            {
                Problem(TranslationErrorCodes.MissingElement, what + " обязателен", path);
                return null;
            }

            if (!ZonedDateTime.IsMatch(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                Problem(TranslationErrorCodes.InvalidValue, what + " должен быть датой и временем с часовым поясом", path);
                return null;
            }

            return parsed;
        }

        private CodedValue? Nsi(string system, string? code, string path)
        {
            if (nsi.Find(system, code) is { } entry)
            {
                return CodedValue.Of(entry);
            }

            Problem(TranslationErrorCodes.UnknownCode, $"Код {code ?? "(пусто)"} отсутствует в справочнике {nsi.Describe(system)}", path);
            return null;
        }

        private (Resource Resource, int Index)? Resolve(ResourceReference? reference, string path)
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

        private void Problem(string code, string message, string? path)
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
                var entry = bundle.Entry[i];
                if (entry.FullUrl is { Length: > 0 } fullUrl)
                {
                    map.TryAdd(fullUrl, i);
                }

                if (entry.Resource is { Id.Length: > 0 } resource)
                {
                    map.TryAdd(resource.TypeName + "/" + resource.Id, i);
                }
            }

            return map;
        }
    }
}
