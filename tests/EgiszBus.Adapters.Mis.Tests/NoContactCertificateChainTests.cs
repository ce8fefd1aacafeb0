using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class NoContactCertificateChainTests
{
    private const string Sample = "Json/NoContactCertificate-80-01.json";

    private static readonly Lazy<NoContactCertificateFhirToSemdTranslator> SemdLazy =
        new(() => new NoContactCertificateFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static NoContactCertificateJsonToFhirTranslator Translator => new(MisSamples.Profile, new FixedTime(Now));

    private static SemdTranslation ToSemd(Bundle bundle) => SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    private static JsonObject SampleJson() => JsonNode.Parse(MisSamples.Read(Sample))!.AsObject();

    private static byte[] Bytes(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    /// <summary>Variants of the sample: the sample itself; a minimal document; two periods, a girl, the other doctor and an own text.</summary>
    private static JsonObject Variant(string name)
    {
        var json = SampleJson();
        switch (name)
        {
            case "sample":
                break;
            case "minimal":
                json.Remove("contact");
                json.Remove("contactNote");
                json.Remove("note");
                json["insurance"]!["insurer"]!.AsObject().Remove("inn");
                json["patient"]!.AsObject().Remove("patronymic");
                break;
            case "rich":
                json["documentNumber"] = "80302";
                json["careOrder"] = "26";
                json["patient"] = JsonNode.Parse("""
                    { "snils": "567-890-123 43", "family": "Петрова", "given": "Елена", "patronymic": "Сергеевна", "birthDate": "1975-11-02", "gender": "female" }
                    """);
                json["author"] = JsonNode.Parse("""
                    { "snils": "345-678-901 23", "family": "Кузнецов", "given": "Олег", "patronymic": "Игоревич", "positionCode": "35" }
                    """);
                json["noContactPeriods"] = JsonNode.Parse("""
                    [ { "start": "2025-03-01", "end": "2025-03-10" }, { "start": "2025-04-01", "end": "2025-04-21" } ]
                    """);
                json["text"] = "Дана Петровой Елене Сергеевне в том, что контактов с инфекционными больными не имела.\nСправка действительна 3 дня & <не более>.";
                json["insurance"]!["policyNumber"] = "770000001";
                json["insurance"]!["policyEnd"] = "2025-12-31";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name));
        }

        return json;
    }

    [TestMethod]
    [DataRow("sample")]
    [DataRow("minimal")]
    [DataRow("rich")]
    public void GivenJsonDocument_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron(string variant)
    {
        var result = Translator.Translate(Bytes(Variant(variant)));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        var semd = ToSemd(bundle);
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("80", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.AreEqual(bundle.Identifier!.Value, semd.Facts!.DocumentIdExtension);
        Assert.AreEqual(Guid.Parse(bundle.Id!), semd.Facts.LocalUid);
        var folder = Directory.CreateTempSubdirectory("mis80-");
        try
        {
            var file = Path.Combine(folder.FullName, variant + ".xml");
            File.WriteAllBytes(file, semd.Semd!);
            var report = SemdSchematron.Validate("80", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors) + "\n" + report.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslated_ThenSemdCarriesTheFactsOfTheJson()
    {
        var semd = ToSemd(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());

        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.AreEqual(new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), semd.Facts!.Patient);
        Assert.AreEqual("80301", semd.Facts.DocumentIdExtension);
        var xml = Encoding.UTF8.GetString(semd.Semd!);
        foreach (var expected in new[]
                 {
                     "<templateId root=\"1.2.643.5.1.13.13.14.88.9.2\" />", "<effectiveTime value=\"202504211130+0300\" />",
                     "root=\"1.2.643.5.1.13.13.99.2.183\" extension=\"77013\"", "ООО «Страховая медицинская организация № 1»", "tel:+74950000077",
                     "7751234567890033", "7704000017", "<signatureCode code=\"S\" />", "code=\"837\"", "code=\"8\"", "code=\"12007\"",
                     "<low value=\"20250401", "<high value=\"20250421", "Справка выдана для предъявления по месту требования",
                     "extension=\"23456789099\"", "code=\"35\"", "Врач клинической лабораторной диагностики",
                 })
        {
            StringAssert.Contains(xml, expected);
        }
    }

    [TestMethod]
    public void GivenJsonWithoutNote_WhenTranslated_ThenBundleHasTheShapeOfTheFhirSample()
    {
        var json = SampleJson();
        json.Remove("note");
        var fhir = JsonSerializer.Deserialize<Bundle>(MisSamples.Read("Fhir/NoContactCertificate-80-01.json"), FhirJson)!;

        var bundle = Translator.Translate(Bytes(json)).Documents.Single();

        CollectionAssert.AreEqual(fhir.Entry.Select(e => e.Resource!.TypeName).ToList(), bundle.Entry.Select(e => e.Resource!.TypeName).ToList());
        var expected = (Composition)fhir.Entry[0].Resource!;
        var actual = (Composition)bundle.Entry[0].Resource!;
        CollectionAssert.AreEqual(expected.Type.Coding.Select(c => (c.System, c.Code, c.Version)).ToList(), actual.Type.Coding.Select(c => (c.System, c.Code, c.Version)).ToList());
        Assert.AreEqual(expected.Section.Single().Code!.Coding.Single().Code, actual.Section.Single().Code!.Coding.Single().Code);
        var fields = (Bundle b) => b.Entry.Select(e => e.Resource).OfType<Observation>().Select(o => o.Code.Coding.Single().Code + ":" + o.Value?.TypeName + ":" + o.Effective?.TypeName).ToList();
        CollectionAssert.AreEqual(fields(fhir), fields(bundle));
        var coverage = bundle.Entry.Select(e => e.Resource).OfType<Coverage>().Single();
        Assert.AreEqual("urn:uuid:" + bundle.Entry[^2].Resource!.Id, coverage.Payor.Single().Reference);
        Assert.AreEqual("2020-01-15", coverage.Period?.Start);
    }

    [TestMethod]
    public void GivenSameJsonTwice_WhenTranslatedWithFreshProfileAndClock_ThenBundleJsonIsIdentical()
    {
        var first = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());
        var profile = MisProfile.Load(Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json"));
        var second = MisSamples.ToJson(new NoContactCertificateJsonToFhirTranslator(profile, new FixedTime(Now.AddDays(3)))
            .Translate(MisSamples.Read(Sample)).Documents.Single());

        Assert.AreEqual(first, second);
        var other = SampleJson();
        other["documentNumber"] = "80399";
        Assert.AreNotEqual(first, MisSamples.ToJson(Translator.Translate(Bytes(other)).Documents.Single()), "ids depend on the document number");
    }

    [TestMethod]
    [DataRow("documentNumber", null, "MIS-005", "$.documentNumber")]
    [DataRow("documentDate", "\"21.04.2025 11:30\"", "MIS-006", "$.documentDate")]
    [DataRow("documentDate", "\"2025-02-30T10:00\"", "MIS-006", "$.documentDate")]
    [DataRow("documentDate", "\"2026-01-10T10:00\"", "MIS-007", "$.documentDate")]
    [DataRow("organizationOid", "\"1.2.643.5.1.13.13.12.2.77.1\"", "MIS-012", "$.organizationOid")]
    [DataRow("patient", null, "MIS-005", "$.patient")]
    [DataRow("patient.snils", "\"112-233-445 96\"", "MIS-009", "$.patient.snils")]
    [DataRow("patient.snils", null, "MIS-005", "$.patient.snils")]
    [DataRow("patient.family", "\" \"", "MIS-005", "$.patient.family")]
    [DataRow("patient.birthDate", "\"1992-13-01\"", "MIS-006", "$.patient.birthDate")]
    [DataRow("patient.birthDate", "\"1899-12-31\"", "MIS-007", "$.patient.birthDate")]
    [DataRow("patient.gender", "\"m\"", "MIS-010", "$.patient.gender")]
    [DataRow("patient.gender", "1", "MIS-016", "$.patient.gender")]
    [DataRow("patient.omsPolicy", "\"7751234567890033\"", "MIS-016", "$.patient.omsPolicy")]
    [DataRow("author.snils", "\"112-233-445 96\"", "MIS-009", "$.author.snils")]
    [DataRow("author.positionCode", "\"врач\"", "MIS-019", "$.author.positionCode")]
    [DataRow("careOrder", null, "MIS-005", "$.careOrder")]
    [DataRow("careOrder", "\"9\"", "MIS-019", "$.careOrder")]
    [DataRow("contact", "\"нет\"", "MIS-016", "$.contact")]
    [DataRow("noContactPeriods", null, "MIS-005", "$.noContactPeriods")]
    [DataRow("noContactPeriods", "[]", "MIS-401", "$.noContactPeriods")]
    [DataRow("noContactPeriods", "{}", "MIS-016", "$.noContactPeriods")]
    [DataRow("noContactPeriods", "[{\"start\":\"2025-01-01\",\"end\":\"2025-01-02\"},{\"start\":\"2025-02-01\",\"end\":\"2025-02-02\"},{\"start\":\"2025-03-01\",\"end\":\"2025-03-02\"}]", "MIS-401", "$.noContactPeriods")]
    [DataRow("noContactPeriods", "[{\"start\":\"2025-01-01\"}]", "MIS-005", "$.noContactPeriods[0].end")]
    [DataRow("noContactPeriods", "[{\"start\":\"2025-01-01\",\"end\":\"2025-01-02\"},{\"start\":\"2025-04-31\",\"end\":\"2025-04-20\"}]", "MIS-006", "$.noContactPeriods[1].start")]
    [DataRow("noContactPeriods", "[{\"start\":\"2025-04-10\",\"end\":\"2025-04-01\"}]", "MIS-007", "$.noContactPeriods[0].end")]
    [DataRow("noContactPeriods", "[{\"start\":\"2025-04-10\",\"end\":\"2025-04-22\"}]", "MIS-007", "$.noContactPeriods[0].end")]
    [DataRow("insurance", null, "MIS-005", "$.insurance")]
    [DataRow("insurance.policyNumber", null, "MIS-005", "$.insurance.policyNumber")]
    [DataRow("insurance.policyNumber", "\"AB 123456\"", "MIS-019", "$.insurance.policyNumber")]
    [DataRow("insurance.policyStart", "\"2025-05-01\"", "MIS-007", "$.insurance.policyStart")]
    [DataRow("insurance.policyStart", null, "MIS-005", "$.insurance.policyStart")]
    [DataRow("insurance.policyEnd", "\"2030-12-31\"", "MIS-404", "$.insurance.policyEnd")]
    [DataRow("insurance.policyNumber", "\"770000001\"", "MIS-005", "$.insurance.policyEnd")]
    [DataRow("insurance.insurer", null, "MIS-005", "$.insurance.insurer")]
    [DataRow("insurance.insurer.code", null, "MIS-005", "$.insurance.insurer.code")]
    [DataRow("insurance.insurer.name", "\"\"", "MIS-005", "$.insurance.insurer.name")]
    [DataRow("insurance.insurer.ogrn", "\"1027700000001\"", "MIS-400", "$.insurance.insurer.ogrn")]
    [DataRow("insurance.insurer.ogrn", "\"102770000077\"", "MIS-400", "$.insurance.insurer.ogrn")]
    [DataRow("insurance.insurer.inn", "\"7704000018\"", "MIS-400", "$.insurance.insurer.inn")]
    [DataRow("insurance.insurer.phone", "\"телефон\"", "MIS-402", "$.insurance.insurer.phone")]
    [DataRow("insurance.insurer.phone", "\"+7 495\"", "MIS-402", "$.insurance.insurer.phone")]
    [DataRow("insurance.insurer.address", null, "MIS-005", "$.insurance.insurer.address")]
    [DataRow("insurance.insurer.address.postalCode", "\"1010\"", "MIS-403", "$.insurance.insurer.address.postalCode")]
    [DataRow("insurance.insurer.address.regionCode", "\"Москва\"", "MIS-403", "$.insurance.insurer.address.regionCode")]
    [DataRow("insurance.insurer.address.aoGuid", "\"not-a-guid\"", "MIS-403", "$.insurance.insurer.address.aoGuid")]
    [DataRow("insurance.insurer.address.text", null, "MIS-005", "$.insurance.insurer.address.text")]
    [DataRow("extra", "\"x\"", "MIS-016", "$.extra")]
    public void GivenBadField_WhenTranslated_ThenFailsWithCodeAndJsonPath(string path, string? jsonValue, string code, string location)
    {
        var json = SampleJson();
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate((JsonNode)json, (node, part) => node[part]!).AsObject();
        if (jsonValue is null)
        {
            parent.Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = JsonNode.Parse(jsonValue);
        }

        var result = Translator.Translate(Bytes(json));

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
        Assert.IsTrue(result.Problems.All(p => p.DocumentNumber == (path == "documentNumber" ? null : "80301")), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("2025-04-20", "MIS-007")]
    [DataRow("2019-12-31", "MIS-007")]
    [DataRow("2025-02-30", "MIS-006")]
    [DataRow("2101-01-01", "MIS-007")]
    [DataRow("2099-12-31", null)]
    public void GivenTemporaryCertificateWithPolicyEnd_WhenTranslated_ThenEndIsCheckedButMayLieInTheFuture(string end, string? code)
    {
        var json = SampleJson();
        json["insurance"]!["policyNumber"] = "770000001";
        json["insurance"]!["policyEnd"] = end;

        var result = Translator.Translate(Bytes(json));

        if (code is null)
        {
            Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
            Assert.AreEqual(end, result.Documents.Single().Entry.Select(e => e.Resource).OfType<Coverage>().Single().Period?.End);
        }
        else
        {
            Assert.AreEqual((code, "$.insurance.policyEnd"), (result.Problems.Single().Code, result.Problems.Single().Location));
        }
    }

    [TestMethod]
    public void GivenContactNoteWithoutContact_WhenTranslated_ThenInconsistentValues()
    {
        var json = SampleJson();
        json.Remove("contact");

        var result = Translator.Translate(Bytes(json));

        Assert.AreEqual(NoContactCertificateMisErrorCodes.InconsistentValues, result.Problems.Single().Code);
        Assert.AreEqual("$.contactNote", result.Problems.Single().Location);
    }

    [TestMethod]
    public void GivenTooLongNote_WhenTranslated_ThenInvalidStructure()
    {
        var json = SampleJson();
        json["note"] = new string('а', NoContactCertificateJsonReader.MaxTextLength + 1);

        var result = Translator.Translate(Bytes(json));

        Assert.AreEqual((MisErrorCodes.InvalidStructure, "$.note"), (result.Problems.Single().Code, result.Problems.Single().Location));
    }

    [TestMethod]
    [DataRow("{\n  \"documentNumber\": \"80301\",\n  oops\n}", "line 3, column 3")]
    [DataRow("{\n  \"documentNumber\": \"80301\",\n  \"careOrder\": \"8\",\n}", "line 4, column 1")]
    [DataRow("{ \"documentNumber\": \"80301\"", "line 1, column 28")]
    public void GivenMalformedJson_WhenTranslated_ThenMalformedInputWithLineAndColumn(string text, string location)
    {
        var result = Translator.Translate(Encoding.UTF8.GetBytes(text));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        Assert.AreEqual(location, result.Problems.Single().Location);
        Assert.IsEmpty(result.Documents);
    }

    [TestMethod]
    public void GivenTruncatedSample_WhenTranslated_ThenMalformedInputWithLine()
    {
        var bytes = MisSamples.Read(Sample);

        var result = Translator.Translate(bytes.AsMemory(0, bytes.Length / 2));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        StringAssert.StartsWith(result.Problems.Single().Location, "line ");
    }

    [TestMethod]
    [DataRow("", "MIS-001", "$")]
    [DataRow(" \r\n ", "MIS-001", "$")]
    [DataRow("[]", "MIS-016", "$")]
    [DataRow("\"80301\"", "MIS-016", "$")]
    public void GivenEmptyOrNonObjectInput_WhenTranslated_ThenFailsWithCodeAtRoot(string text, string code, string location)
    {
        var result = Translator.Translate(Encoding.UTF8.GetBytes(text));

        Assert.AreEqual((code, location), (result.Problems.Single().Code, result.Problems.Single().Location));
    }

    [TestMethod]
    public void GivenInputOverTheLimit_WhenTranslated_ThenInputTooLarge()
    {
        var json = SampleJson();
        json["text"] = new string(' ', NoContactCertificateJsonReader.MaxInputBytes);

        var result = Translator.Translate(Bytes(json));

        Assert.AreEqual(MisErrorCodes.InputTooLarge, result.Problems.Single().Code);
    }

    [TestMethod]
    public void GivenSampleWithUtf8Bom_WhenTranslated_ThenSameBundleAsWithout()
    {
        var bytes = MisSamples.Read(Sample);

        var withBom = Translator.Translate((byte[])[0xEF, 0xBB, 0xBF, .. bytes]);

        Assert.IsTrue(withBom.Succeeded, string.Join("\n", withBom.Problems));
        Assert.AreEqual(MisSamples.ToJson(Translator.Translate(bytes).Documents.Single()), MisSamples.ToJson(withBom.Documents.Single()));
    }

    [TestMethod]
    public void GivenManyBadPersonalFields_WhenTranslated_ThenMessagesCarryNoPersonalData()
    {
        var json = SampleJson();
        json["patient"]!["snils"] = "678-901-234 39";
        json["patient"]!["birthDate"] = "1992-07-32";
        json["patient"]!["gender"] = "Васильев";
        json["author"]!["snils"] = "234-567-890 98";

        var result = Translator.Translate(Bytes(json));

        Assert.HasCount(4, result.Problems, string.Join("\n", result.Problems));
        foreach (var text in new[] { "678-901-234", "67890123439", "1992-07-32", "Васильев", "Дмитрий", "234-567-890", "23456789098" })
        {
            Assert.IsFalse(result.Problems.Any(p => p.Message.Contains(text, StringComparison.Ordinal) || (p.Location ?? "").Contains(text, StringComparison.Ordinal)), text);
        }
    }

    [TestMethod]
    public void GivenSchemaAndSample_WhenCompared_ThenSampleUsesOnlySchemaPropertiesAndEveryRequiredOne()
    {
        var schema = JsonNode.Parse(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "Schemas", "mis", "nocontactcertificate.schema.json")))!;
        var checkedObjects = 0;

        void Walk(JsonNode schemaNode, JsonNode? value, string path)
        {
            if (value is JsonArray array)
            {
                Assert.IsNotNull(schemaNode["items"], path);
                foreach (var item in array)
                {
                    Walk(schemaNode["items"]!, item, path + "[]");
                }

                return;
            }

            if (value is not JsonObject obj)
            {
                Assert.IsNotNull(schemaNode["description"], path + " has no description");
                return;
            }

            checkedObjects++;
            Assert.AreEqual(false, schemaNode["additionalProperties"]?.GetValue<bool>(), path);
            var properties = schemaNode["properties"]!.AsObject();
            foreach (var required in schemaNode["required"]!.AsArray())
            {
                Assert.IsTrue(obj.ContainsKey(required!.GetValue<string>()), $"{path}.{required} is required by the schema");
            }

            foreach (var (name, child) in obj)
            {
                Assert.IsTrue(properties.ContainsKey(name), $"{path}.{name} is not in the schema");
                Walk(properties[name]!, child, $"{path}.{name}");
            }
        }

        Walk(schema, SampleJson(), "$");

        Assert.AreEqual(7, checkedObjects, "root, patient, author, period, insurance, insurer, address");
    }
}
