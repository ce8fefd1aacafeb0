using System.Text;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class ConsultationTranslationTests
{
    internal static string PathOf(string number) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", $"Consultation-119-{number}.json");

    internal static ConsultationFhirToSemdTranslator Translator => new(Samples186.Catalog);

    [TestMethod]
    [DataRow("01")]
    [DataRow("02")]
    public void GivenSample_WhenTranslated_ThenSucceedsAndIsValidByXsd(string number)
    {
        var result = Translator.Translate(File.ReadAllBytes(PathOf(number)));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("119", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void GivenBothSamples_WhenValidatedByOfficialSchematron_ThenZeroErrors()
    {
        var folder = Directory.CreateTempSubdirectory("semd119-");
        try
        {
            foreach (var number in new[] { "01", "02" })
            {
                var result = Translator.Translate(File.ReadAllBytes(PathOf(number)));
                Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
                var file = Path.Combine(folder.FullName, $"Consultation-119-{number}.xml");
                File.WriteAllBytes(file, result.Semd!);
                var report = SemdSchematron.Validate("119", file);
                Assert.AreEqual(0, report.ErrorCount, number + ":\n" + string.Join("\n", report.Errors));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenSample01_WhenTranslatedTwice_ThenBytesAreIdentical()
    {
        var first = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;
        var second = new ConsultationFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenConsultationSample01_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/Consultation-119-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenConsultationSample01_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "Consultation-119-01.xml");
        var actual = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }

    [TestMethod]
    public void GivenSample02_WhenTranslated_ThenFactsNameKindIdsPatientAndBothSigners()
    {
        var facts = Translator.Translate(File.ReadAllBytes(PathOf("02"))).Facts!;

        Assert.AreEqual("119", facts.Kind);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual("119002", facts.DocumentIdExtension);
        Assert.AreEqual(NameBasedUuid.Create(NameBasedUuid.OidNamespace, "consultation-119/02/bundle"), facts.LocalUid);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973", facts.OrganizationOid);
        Assert.AreEqual(new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), facts.Patient);
        CollectionAssert.AreEqual(new[] { "34567890123", "23456789099" }, facts.Signers.Select(s => s.Snils).ToArray());
        Assert.AreEqual("109", facts.Signers[0].PositionCode);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenDiagnosisIsTheIcd10CodeFromFnsi()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        const string value = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='DOCINFO']/v3:entry/v3:observation[v3:code/@code='809']/v3:value";
        CollectionAssert.AreEqual(new[] { "J06.9" }, HeaderFactLists.Values(semd, value + "/@code"));
        CollectionAssert.AreEqual(new[] { "2.24" }, HeaderFactLists.Values(semd, value + "/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Острая инфекция верхних дыхательных путей неуточненная" }, HeaderFactLists.Values(semd, value + "/@displayName"));
    }

    [TestMethod]
    [DataRow("J06.99", "TRN-011")]
    [DataRow(null, "TRN-007")]
    public void GivenBadDiagnosis_WhenTranslated_ThenFailsWithCodeAndLocation(string? icd, string code)
    {
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;
        var condition = bundle["entry"]!.AsArray().First(e => (string?)e!["resource"]!["resourceType"] == "Condition")!["resource"]!;
        if (icd is null)
        {
            condition.AsObject().Remove("code");
        }
        else
        {
            condition["code"]!["coding"]![0]!["code"] = icd;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        var index = bundle["entry"]!.AsArray().Select((e, i) => (e, i)).First(x => (string?)x.e!["resource"]!["resourceType"] == "Condition").i;
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location!.StartsWith($"Bundle.entry[{index}].resource.code", StringComparison.Ordinal)),
            string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("112-233-445 96", "TRN-010")]
    [DataRow(null, "TRN-009")]
    public void GivenBadPatientSnils_WhenTranslated_ThenFailsWithCode(string? snils, string code)
    {
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;
        var identifiers = bundle["entry"]!.AsArray().First(e => (string?)e!["resource"]!["resourceType"] == "Patient")!["resource"]!["identifier"]!.AsArray();
        var snilsIdentifier = identifiers.First(i => (string?)i!["system"] == "urn:oid:1.2.643.100.3")!;
        if (snils is null)
        {
            identifiers.Remove(snilsIdentifier);
        }
        else
        {
            snilsIdentifier["value"] = snils;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location!.StartsWith("Bundle.entry[1].resource.identifier", StringComparison.Ordinal)),
            string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenBundleWithoutRequiredSectionsAndCoverage_WhenTranslated_ThenEveryMissingPartIsReported()
    {
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == "ANAM"));
        var entries = bundle["entry"]!.AsArray();
        entries.Remove(entries.First(e => (string?)e!["resource"]!["resourceType"] == "Coverage"));

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        var messages = string.Join("\n", result.Problems);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == "Bundle.entry[0].resource.section" && p.Message.Contains("ANAM", StringComparison.Ordinal)), messages);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == "Bundle.entry" && p.Message.Contains("Coverage", StringComparison.Ordinal)), messages);
    }

    [TestMethod]
    public void GivenLaboratoryBundle_WhenTranslatedAsConsultation_ThenWrongKind()
    {
        var result = Translator.Translate(Samples186.Read("01"));

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-006"), string.Join("\n", result.Problems));
    }
}
