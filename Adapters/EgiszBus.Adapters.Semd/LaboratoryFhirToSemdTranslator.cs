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

    // Directories absent from the shared FNSI snapshots; values as in the official SEMD examples (see Schemas/fhir/laboratory-186.md).
    private static readonly CdaCode ServiceForm = new("1", "1.2.643.5.1.13.13.11.1551", "Формы оказания медицинской помощи", "1.1", "плановая");
    private static readonly CdaCode ServiceType = new("2", "1.2.643.5.1.13.13.11.1034", "Виды медицинской помощи", "4.2", "Первичная врачебная медико-санитарная помощь");
    private static readonly CdaCode ServiceCond = new("2", "1.2.643.5.1.13.13.99.2.322", "Условия оказания медицинской помощи", "2.1", "Амбулаторно, в том числе на дому при вызове медицинского работника");

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
        if (document is null)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var facts = HeaderFacts.Of(Kind, document.Header, bundle, nsi, reader.Header);
        if (problems.Count > 0)
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

    /// <summary>
    /// Reads and checks one Bundle; collects every problem instead of stopping at the first. The common header is read by the shared
    /// <see cref="FhirHeaderReader"/> with the stricter rules of the 186 profile; the body (report, results, specimens, analysers) here.
    /// </summary>
    private sealed class Reader(Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems)
    {
        private readonly FhirHeaderReader header = new(bundle, nsi, problems, strict: true)
        {
            MisRootedIdentifiers = true,
            ZonedDateTimes = true,
            FullBirthDate = true,
            CompleteAddresses = true,
            StaffOrganizationRequired = true,
            CodingLevelLocations = true,
        };

        /// <summary>The shared reader (for the facts: signature references resolve through it).</summary>
        public FhirHeaderReader Header => header;

        public LaboratoryDocument? Read()
        {
            const string c = "Bundle.entry[0].resource";
            if (header.Composition is { } first && first.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + KindSystem)?.Code != "186")
            {
                Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 186 справочника 1.2.643.5.1.13.13.11.1520", c + ".type");
            }

            var common = header.Read();
            if (header.Composition is not { } composition)
            {
                return null;
            }

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
            var serviceEvent = Nsi("1.2.643.5.1.13.13.99.2.726", "4", c + ".event");
            var secSpecimens = Nsi(SectionSystem, "SPECIMENS", c + ".section");
            var secAnalysers = Nsi(SectionSystem, "ANALYSERS", c + ".section");
            var secResults = Nsi(SectionSystem, "RESLAB", c + ".section");

            if (common is null || common.EffectiveTime is null || serviceFrom is null || serviceTo is null || kindEntry is null || docType is null
                || serviceEvent is null || secSpecimens is null || secAnalysers is null || secResults is null || results.Count == 0)
            {
                return null;
            }

            return new LaboratoryDocument(
                Profile(common, docType.ToCda(), CdaTime.Of(serviceFrom.Value), CdaTime.Of(serviceTo.Value), serviceEvent.ToCda()),
                specimens, devices, results, secSpecimens, secAnalysers, secResults);
        }

        /// <summary>
        /// What the 186 profile carries of the common header (as the 186 writer always did): document type 7; the patient's first
        /// address, no identity document, no telecom, the custodian with the author's department as provider; staff without address
        /// and telecom; organisations with their first phone (work); no blank patronymic; the service of the DiagnosticReport,
        /// performed by the author; no encounter. Signing times are left to <see cref="Semd186Writer.Style"/> (always NI).
        /// </summary>
        private static CdaHeader Profile(CdaHeader h, CdaCode type, string serviceFrom, string serviceTo, CdaCode serviceCode)
        {
            var author = Slim(h.Author);
            var custodian = Phone(h.Custodian) with { DepartmentOid = null };
            var patient = h.Patient with
            {
                IdentityDocument = null,
                Name = Name(h.Patient.Name),
                Addresses = [.. h.Patient.Addresses.Take(1)],
                Telecoms = [],
                Provider = custodian with { DepartmentOid = author.Organization?.DepartmentOid },
            };
            var service = new CdaServiceEvent(serviceCode, serviceFrom, serviceTo, [new CdaPerformer("PPRF", author with { Snils = null, Organization = null })],
                ServiceForm, ServiceCond, ServiceType);
            return h with
            {
                Code = type,
                Translations = [],
                Patient = patient,
                Author = author,
                Custodian = custodian,
                LegalAuthenticator = Slim(h.LegalAuthenticator),
                ServiceEvent = service,
                Encounter = null,
            };
        }

        private static CdaStaff Slim(CdaStaff s) =>
            s with { Name = Name(s.Name), Address = null, Telecoms = [], Organization = s.Organization is null ? null : Phone(s.Organization) };

        /// <summary>A blank patronymic is no patronymic.</summary>
        private static CdaName? Name(CdaName? name) =>
            name is { Patronymic: { } patronymic } && string.IsNullOrWhiteSpace(patronymic) ? name with { Patronymic = null } : name;

        private static CdaOrganization Phone(CdaOrganization o) =>
            o with { Telecoms = [.. o.Telecoms.Where(t => t.Value.StartsWith("tel:", StringComparison.Ordinal)).Take(1).Select(t => t with { Use = "WP" })] };

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
                ? Missing<CdaStaff>(TranslationErrorCodes.UnresolvedReference, "Observation.performer обязателен", p + ".performer")
                : header.Staff(observation.Performer[0], p + ".performer[0]", withSnils: true);
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

        /// <summary>
        /// Resolves <paramref name="reference"/> to a <typeparamref name="TResource"/> and reads it once: a second reference to the
        /// same entry returns the info read before (<paramref name="keyOf"/> gives its <c>entryN</c> key).
        /// </summary>
        private TInfo? ReadOnce<TResource, TInfo>(ResourceReference? reference, string path, List<TInfo> known, Func<TInfo, string> keyOf, string wrongType, Func<TResource, string, string, TInfo?> read)
            where TResource : Resource
            where TInfo : class
        {
            if (Resolve(reference, path) is not { } target)
            {
                return null;
            }

            var key = "entry" + target.Index;
            if (known.FirstOrDefault(x => keyOf(x) == key) is { } before)
            {
                return before;
            }

            if (target.Resource is not TResource resource)
            {
                Problem(TranslationErrorCodes.UnresolvedReference, wrongType, path);
                return null;
            }

            var info = read(resource, key, $"Bundle.entry[{target.Index}].resource");
            if (info is not null)
            {
                known.Add(info);
            }

            return info;
        }

        private SpecimenInfo? ReadSpecimen(ResourceReference? reference, string path, List<SpecimenInfo> specimens) =>
            ReadOnce<Specimen, SpecimenInfo>(reference, path, specimens, x => x.Reference, "Observation.specimen должен ссылаться на Specimen", ReadSpecimen);

        private SpecimenInfo? ReadSpecimen(Specimen specimen, string key, string p)
        {
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
            return info;
        }

        private DeviceInfo? ReadDevice(ResourceReference? reference, string path, List<DeviceInfo> devices) =>
            ReadOnce<Device, DeviceInfo>(reference, path, devices, x => x.Reference, "Observation.device должен ссылаться на Device", ReadDevice);

        private DeviceInfo? ReadDevice(Device device, string key, string p)
        {
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

        private (string Root, string Value)? LocalId(List<Identifier> identifiers, string suffix, string path, string message)
        {
            foreach (var identifier in identifiers)
            {
                if (Oid(identifier.System) is { } root && FhirHeaderReader.IsMisRooted(root, suffix)
                    && identifier.Value is { Length: > 0 } value)
                {
                    return (root, value);
                }
            }

            Problem(TranslationErrorCodes.MissingElement, message, path + ".identifier");
            return null;
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

        private (Resource Resource, int Index)? Resolve(ResourceReference? reference, string path) => header.Resolve(reference, path);

        private T? Missing<T>(string code, string message, string path)
        {
            Problem(code, message, path);
            return default;
        }

        private void Problem(string code, string message, string? path) => header.Problem(code, message, path);

        private static string? Oid(string? system) =>
            system is not null && system.StartsWith("urn:oid:", StringComparison.Ordinal) ? system["urn:oid:".Length..] : null;
    }
}
