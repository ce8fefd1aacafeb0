using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class DispanserizationTranslationTests
{
    internal static string PathOf(string number) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", $"Dispanserization-122-{number}.json");

    internal static DispanserizationFhirToSemdTranslator Translator => new(Samples186.Catalog);

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenIsValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(File.ReadAllBytes(PathOf("01")));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("122", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("semd122-");
        try
        {
            var file = Path.Combine(folder.FullName, "Dispanserization-122-01.xml");
            File.WriteAllBytes(file, result.Semd!);
            var report = SemdSchematron.Validate("122", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors));
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
        var second = new DispanserizationFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenDispanserizationSample01_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/Dispanserization-122-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenDispanserizationSample01_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "Dispanserization-122-01.xml");
        var actual = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenFactsNameKindIdsPatientAndAuthor()
    {
        var facts = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Facts!;

        Assert.AreEqual("122", facts.Kind);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual("122001", facts.DocumentIdExtension);
        Assert.AreEqual(NameBasedUuid.Create(NameBasedUuid.OidNamespace, "egiszbus-k4/dispanserization-122/01/bundle"), facts.LocalUid);
        Assert.AreEqual(new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), facts.Patient);
        CollectionAssert.AreEqual(new[] { "23456789099" }, facts.Signers.Select(s => s.Snils).ToArray());
        Assert.AreEqual("109", facts.Signers[0].PositionCode);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenCodesCarryAllFiveAttributes()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        const string body = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section";
        const string diagnosis = body + "[v3:code/@code='DGN']/v3:entry/v3:observation[v3:code/@code='838']/v3:entryRelationship/v3:observation/v3:value";
        CollectionAssert.AreEqual(new[] { "Z00.0" }, HeaderFactLists.Values(semd, diagnosis + "/@code"));
        CollectionAssert.AreEqual(new[] { "2.24" }, HeaderFactLists.Values(semd, diagnosis + "/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Общий медицинский осмотр" }, HeaderFactLists.Values(semd, diagnosis + "/@displayName"));
        CollectionAssert.AreEqual(new[] { "141" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@code"));
        foreach (var attribute in new[] { "code", "codeSystem", "codeSystemName", "codeSystemVersion", "displayName" })
        {
            Assert.HasCount(2, HeaderFactLists.Values(semd, $"{body}[v3:code/@code='MEDEXAMINFO']/v3:entry/v3:observation/v3:value/@{attribute}"), attribute);
            Assert.HasCount(1, HeaderFactLists.Values(semd, $"/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:addr/address:residentCode/@{attribute}"), attribute);
        }
    }

    [TestMethod]
    [DataRow("MEDEXAMINFO", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("DGN", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("obs6021", "TRN-007", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("icd", "TRN-011", "Bundle.entry[8].resource.code")]
    [DataRow("noicd", "TRN-007", "Bundle.entry[8].resource.code")]
    [DataRow("resident", "TRN-007", "Bundle.entry[1].resource.address[0].extension")]
    [DataRow("kind", "TRN-006", "Bundle.entry[0].resource.type")]
    [DataRow("snils", "TRN-010", "Bundle.entry[1].resource.identifier[1].value")]
    public void GivenBrokenBundle_WhenTranslated_ThenFailsWithCodeAndLocation(string breakage, string code, string location)
    {
        var bundle = JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;
        var entries = bundle["entry"]!.AsArray();
        var sections = entries[0]!["resource"]!["section"]!.AsArray();
        switch (breakage)
        {
            case "MEDEXAMINFO":
                sections.RemoveAt(0);
                break;
            case "DGN":
                sections.RemoveAt(1);
                break;
            case "obs6021":
                sections[0]!["entry"]!.AsArray().RemoveAt(1);
                break;
            case "icd":
                entries[8]!["resource"]!["code"]!["coding"]![0]!["code"] = "Z00.99";
                break;
            case "noicd":
                entries[8]!["resource"]!.AsObject().Remove("code");
                break;
            case "resident":
                entries[1]!["resource"]!["address"]![0]!["extension"]!.AsArray().RemoveAt(3);
                break;
            case "kind":
                entries[0]!["resource"]!["type"]!["coding"]![0]!["code"] = "119";
                break;
            case "snils":
                entries[1]!["resource"]!["identifier"]![1]!["value"] = "112-233-445 96";
                break;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenGeneratedSemd_WhenReadBack_ThenHeaderPatientAndAuthorSurvive()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        var read = new SemdToFhirTranslator(Samples186.Catalog).Translate(semd);

        Assert.IsNotNull(read.Bundle, string.Join("\n", read.Problems));
        Assert.AreEqual("122", read.Kind, string.Join("\n", read.Problems));
        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        var json = Encoding.UTF8.GetString(read.FhirJson!);
        StringAssert.Contains(json, "45678901238");
        StringAssert.Contains(json, "Смирнов");
        StringAssert.Contains(json, "23456789099");
        StringAssert.Contains(json, "1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51");
    }
}
