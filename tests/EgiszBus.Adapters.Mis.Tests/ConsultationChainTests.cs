using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>MIS JSON consultation (Json/Consultation-119-01.json) → FHIR → SEMD 119 → XSD + official schematron, and bad inputs.</summary>
[TestClass]
public sealed class ConsultationChainTests
{
    private const string SampleFile = "Json/Consultation-119-01.json";
    private static readonly TimeProvider Clock = new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly Lazy<ConsultationFhirToSemdTranslator> Semd = new(() => new ConsultationFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static MisReadResult<Bundle> Translate(byte[] json) => new ConsultationJsonToFhirTranslator(MisSamples.Profile, Clock).Translate(json);

    private static SemdTranslation ToSemd(Bundle bundle) => Semd.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    private static Bundle SampleBundle()
    {
        var result = Translate(MisSamples.Read(SampleFile));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        return result.Documents.Single();
    }

    /// <summary>The sample with one change: <paramref name="path"/> (dot-separated, from the root) set to <paramref name="json"/>, or removed when null.</summary>
    private static byte[] Changed(string path, string? json)
    {
        var root = JsonNode.Parse(MisSamples.Read(SampleFile))!.AsObject();
        var names = path.Split('.');
        var parent = names[..^1].Aggregate((JsonNode)root, (node, name) => node[name]!).AsObject();
        if (json is null)
        {
            parent.Remove(names[^1]);
        }
        else
        {
            parent[names[^1]] = JsonNode.Parse(json);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedToFhirAndSemd_ThenXsdAndOfficialSchematronReportZeroErrors()
    {
        var semd = ToSemd(SampleBundle());

        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("119", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis119-");
        try
        {
            var path = Path.Combine(folder.FullName, "Consultation-119-01.xml");
            File.WriteAllBytes(path, semd.Semd!);
            var report = SemdSchematron.Validate("119", path);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors) + "\n" + report.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedToSemd_ThenFactsNameDocumentPatientAndAuthor()
    {
        var bundle = SampleBundle();
        var semd = ToSemd(bundle);

        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var facts = semd.Facts!;
        Assert.AreEqual("119", facts.Kind);
        Assert.AreEqual("119001", facts.DocumentIdExtension);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual(Guid.Parse(bundle.Id!), facts.LocalUid);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973", facts.OrganizationOid);
        Assert.AreEqual("45678901238", facts.Patient.Snils);
        Assert.AreEqual("1", facts.Patient.GenderCode);
        Assert.IsTrue(facts.Signers.Any(s => s.Snils == "23456789099" && s.PositionCode == "35"), string.Join("\n", facts.Signers));
        var xml = Encoding.UTF8.GetString(semd.Semd!);
        StringAssert.Contains(xml, "J06.9");
        StringAssert.Contains(xml, "ООО «Страховая медицинская организация № 1»");
        StringAssert.Contains(xml, "Обильное питьё, полоскание горла.");
    }

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenBundleHasTheShapeOfTheFhirSample()
    {
        var expected = new FhirJsonBundle(MisSamples.Read("Fhir/Consultation-119-01.json"));
        var actual = SampleBundle();

        CollectionAssert.AreEqual(expected.Bundle.Entry.Select(e => e.Resource!.TypeName).ToList(), actual.Entry.Select(e => e.Resource!.TypeName).ToList());
        CollectionAssert.AreEqual(SectionCodes(expected.Bundle), SectionCodes(actual));
        var composition = (Composition)actual.Entry[0].Resource!;
        CollectionAssert.AreEqual(new[] { "119", "5" }, composition.Type.Coding.Select(c => c.Code).ToArray());
        var encounter = actual.Entry.Select(e => e.Resource).OfType<Encounter>().Single();
        CollectionAssert.AreEqual(
            new[] { "urn:oid:1.2.643.5.1.13.13.12.2.77.7973.100.1.1.15", "urn:oid:1.2.643.5.1.13.13.12.2.77.7973.100.1.1.17" },
            encounter.Identifier.Select(i => i.System).ToArray());
        Assert.AreEqual("2025-03-12T10:00:00+03:00", encounter.Period!.Start);
    }

    [TestMethod]
    public void GivenSameJsonTwice_WhenTranslated_ThenBundleJsonIsIdentical()
    {
        var bytes = MisSamples.Read(SampleFile);
        var first = MisSamples.ToJson(Translate(bytes).Documents.Single());
        var profile = MisProfile.Load(Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json"));
        var second = MisSamples.ToJson(new ConsultationJsonToFhirTranslator(profile, Clock).Translate(bytes.ToArray()).Documents.Single());

        Assert.AreEqual(first, second);
        Assert.AreNotEqual(first, MisSamples.ToJson(Translate(Changed("documentNumber", "\"119002\"")).Documents.Single()), "a different document gives other ids");
    }

    [TestMethod]
    public void GivenNoPatientAddressAndRepeatedVisit_WhenTranslated_ThenProfileAddressOfTypeThreeIsUsedAndSemdIsXsdValid()
    {
        var json = JsonNode.Parse(Changed("patient.address", null))!;
        json["visit"]!["kind"] = "repeated";
        json["condition"] = "moderate";
        var result = Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var patient = result.Documents.Single().Entry.Select(e => e.Resource).OfType<Patient>().Single();
        Assert.AreEqual("г Москва, ул Тверская, д 10, кв 5", patient.Address.Single().Text);
        Assert.AreEqual("3", ((CodeableConcept)patient.Address.Single().Extension[0].Value!).Coding[0].Code);
        var semd = ToSemd(result.Documents.Single());
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.IsEmpty(new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("119", semd.Semd!));
        StringAssert.Contains(Encoding.UTF8.GetString(semd.Semd!), "displayName=\"Повторный\"");
    }

    [TestMethod]
    [DataRow("documentNumber", null, MisErrorCodes.MissingValue, "$.documentNumber")]
    [DataRow("patient", null, MisErrorCodes.MissingValue, "$.patient")]
    [DataRow("patient.omsPolicy", null, MisErrorCodes.MissingValue, "$.patient.omsPolicy")]
    [DataRow("patient.family", "\"  \"", MisErrorCodes.MissingValue, "$.patient.family")]
    [DataRow("author.positionCode", null, MisErrorCodes.MissingValue, "$.author.positionCode")]
    [DataRow("insurer", null, MisErrorCodes.MissingValue, "$.insurer")]
    [DataRow("examination", null, MisErrorCodes.MissingValue, "$.examination")]
    [DataRow("diagnosis.icd10", null, MisErrorCodes.MissingValue, "$.diagnosis.icd10")]
    [DataRow("visit.caseNumber", null, MisErrorCodes.MissingValue, "$.visit.caseNumber")]
    [DataRow("patient.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.patient.snils")]
    [DataRow("author.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.author.snils")]
    [DataRow("patient.snils", "\"4567890123\"", MisErrorCodes.InvalidSnils, "$.patient.snils")]
    [DataRow("documentDate", "\"2025-02-30T10:20\"", MisErrorCodes.InvalidDate, "$.documentDate")]
    [DataRow("patient.birthDate", "\"15.03.1980\"", MisErrorCodes.InvalidDate, "$.patient.birthDate")]
    [DataRow("visit.end", "\"2025-03-12 10:20\"", MisErrorCodes.InvalidDate, "$.visit.end")]
    [DataRow("insurer.policyStart", "\"2020-13-01\"", MisErrorCodes.InvalidDate, "$.insurer.policyStart")]
    [DataRow("patient.birthDate", "\"1899-12-31\"", MisErrorCodes.DateOutOfRange, "$.patient.birthDate")]
    [DataRow("patient.birthDate", "\"2025-03-13\"", MisErrorCodes.DateOutOfRange, "$.patient.birthDate")]
    [DataRow("visit.start", "\"2025-03-12T11:00\"", MisErrorCodes.DateOutOfRange, "$.visit.start")]
    [DataRow("visit.end", "\"2025-03-12T09:59\"", ConsultationMisErrorCodes.WrongTimeOrder, "$.visit.end")]
    [DataRow("patient.gender", "\"unknown\"", MisErrorCodes.UnknownGender, "$.patient.gender")]
    [DataRow("patient.gender", "\"1\"", MisErrorCodes.UnknownGender, "$.patient.gender")]
    [DataRow("visit.kind", "\"urgent\"", ConsultationMisErrorCodes.UnknownValue, "$.visit.kind")]
    [DataRow("condition", "\"fine\"", ConsultationMisErrorCodes.UnknownValue, "$.condition")]
    [DataRow("diagnosis.icd10", "\"j06.9\"", MisErrorCodes.InvalidCode, "$.diagnosis.icd10")]
    [DataRow("author.positionCode", "\"врач\"", MisErrorCodes.InvalidCode, "$.author.positionCode")]
    [DataRow("insurer.address.postalCode", "\"12345\"", MisErrorCodes.InvalidCode, "$.insurer.address.postalCode")]
    [DataRow("patient.address.aoGuid", "\"not-a-guid\"", MisErrorCodes.InvalidCode, "$.patient.address.aoGuid")]
    [DataRow("patient.omsPolicy", "\"77-51\"", MisErrorCodes.InvalidCode, "$.patient.omsPolicy")]
    [DataRow("organizationOid", "\"1.2.643.5.1.13.13.12.2.77.9999\"", MisErrorCodes.UnknownOrganization, "$.organizationOid")]
    [DataRow("unexpected", "1", MisErrorCodes.InvalidStructure, "$.unexpected")]
    [DataRow("diseaseHistory", "42", MisErrorCodes.InvalidStructure, "$.diseaseHistory")]
    [DataRow("visit", "[]", MisErrorCodes.InvalidStructure, "$.visit")]
    [DataRow("complaints", "\"Боль\\u0001\"", MisErrorCodes.InvalidStructure, "$.complaints")]
    public void GivenBadField_WhenTranslated_ThenProblemHasCodeAndJsonPath(string path, string? json, string code, string location)
    {
        var result = Translate(Changed(path, json));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
        Assert.IsTrue(result.Problems.All(p => p.Location != null && !p.Message.Contains("Смирнов", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void GivenValidChecksumSnils_WhenTranslated_ThenDocumentIsAccepted()
    {
        var result = Translate(Changed("patient.snils", "\"112-233-445 95\""));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        Assert.AreEqual("11223344595", result.Documents.Single().Entry.Select(e => e.Resource).OfType<Patient>().Single().Identifier[1].Value);
    }

    [TestMethod]
    [DataRow("{\n  \"documentNumber\": \"1\",\n  \"documentDate\": \"2025-03-12\"\n  \"patient\": {}\n}", 4)]
    [DataRow("{\n  \"documentNumber\": \"1\",\n  \"patient\": {", 3)]
    public void GivenMalformedJson_WhenTranslated_ThenProblemNamesLineAndColumn(string json, int line)
    {
        var result = Translate(Encoding.UTF8.GetBytes(json));

        var problem = result.Problems.Single();
        Assert.AreEqual(MisErrorCodes.MalformedInput, problem.Code);
        StringAssert.StartsWith(problem.Location, $"line {line}, column ");
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  \n ")]
    public void GivenEmptyInput_WhenTranslated_ThenMis001(string json)
    {
        var result = Translate(Encoding.UTF8.GetBytes(json));

        Assert.AreEqual(MisErrorCodes.EmptyInput, result.Problems.Single().Code);
    }

    [TestMethod]
    public void GivenUnknownIcdCode_WhenTranslatedThroughTheChain_ThenSemdTranslatorReportsTrn011()
    {
        var fhir = Translate(Changed("diagnosis.icd10", "\"U99.9\""));
        Assert.IsTrue(fhir.Succeeded, string.Join("\n", fhir.Problems));

        var semd = ToSemd(fhir.Documents.Single());

        Assert.IsFalse(semd.Succeeded);
        Assert.IsTrue(semd.Problems.Any(p => p.Code == TranslationErrorCodes.UnknownCode && p.Message.Contains("U99.9", StringComparison.Ordinal)),
            string.Join("\n", semd.Problems));
    }

    private static List<string> SectionCodes(Bundle bundle)
    {
        var composition = (Composition)bundle.Entry[0].Resource!;
        var codes = new List<string>();
        void Walk(IEnumerable<Composition.SectionComponent> sections, string prefix)
        {
            foreach (var s in sections)
            {
                codes.Add(prefix + s.Code!.Coding[0].Code + "/" + s.Entry.Count);
                Walk(s.Section, prefix + s.Code!.Coding[0].Code + ".");
            }
        }

        Walk(composition.Section, string.Empty);
        return codes;
    }

    /// <summary>A FHIR sample parsed with the Firely serializer.</summary>
    private sealed class FhirJsonBundle(byte[] json)
    {
        public Bundle Bundle { get; } = System.Text.Json.JsonSerializer.Deserialize<Bundle>(json,
            new System.Text.Json.JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
    }
}
