using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class SportsClearanceTranslationTests
{
    internal static string PathOf(string number) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", $"SportsClearance-83-{number}.json");

    internal static SportsClearanceFhirToSemdTranslator Translator => new(Samples186.Catalog);

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenIsValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(File.ReadAllBytes(PathOf("01")));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("83", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("semd83-");
        try
        {
            var file = Path.Combine(folder.FullName, "SportsClearance-83-01.xml");
            File.WriteAllBytes(file, result.Semd!);
            var report = SemdSchematron.Validate("83", file);
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
        var second = new SportsClearanceFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenSportsClearanceSample01_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/SportsClearance-83-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenSportsClearanceSample01_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "SportsClearance-83-01.xml");
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

        Assert.AreEqual("83", facts.Kind);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual("83001", facts.DocumentIdExtension);
        Assert.AreEqual(NameBasedUuid.Create(NameBasedUuid.OidNamespace, "egiszbus-k4/sports-clearance-83/01/bundle"), facts.LocalUid);
        Assert.AreEqual(new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), facts.Patient);
        CollectionAssert.AreEqual(new[] { "34567890123" }, facts.Signers.Select(s => s.Snils).ToArray());
        Assert.AreEqual("78", facts.Signers[0].PositionCode);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenDocInfoAndHeaderPartsFollowThe83Rules()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        const string docInfo = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='DOCINFO']/v3:entry/v3:observation";
        CollectionAssert.AreEqual(new[] { "837", "10001", "10002" }, HeaderFactLists.Values(semd, docInfo + "/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "20260520" }, HeaderFactLists.Values(semd, docInfo + "[v3:code/@code='10001']/v3:effectiveTime/@value"));
        CollectionAssert.AreEqual(new[] { "Плавание" }, HeaderFactLists.Values(semd, docInfo + "[v3:code/@code='10002']/v3:value"));
        foreach (var attribute in new[] { "code", "codeSystem", "codeSystemName", "codeSystemVersion", "displayName" })
        {
            Assert.HasCount(1, HeaderFactLists.Values(semd, $"{docInfo}[v3:code/@code='837']/v3:value/@{attribute}"), attribute);
        }

        CollectionAssert.AreEqual(new[] { "S" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:legalAuthenticator/v3:signatureCode/@code"));
        CollectionAssert.AreEqual(new[] { "202505201410+0300" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:author/v3:time/@value"));
        CollectionAssert.AreEqual(new[] { "71" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@code"));
    }

    [TestMethod]
    [DataRow("DOCINFO", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("obs10002", "TRN-007", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("conclusion", "TRN-014", "Bundle.entry[6].resource")]
    [DataRow("coverage", "TRN-007", "Bundle.entry")]
    [DataRow("legaltime", "TRN-007", "Bundle.entry[0].resource.attester")]
    [DataRow("position", "TRN-011", "Bundle.entry[3].resource.code")]
    [DataRow("kind", "TRN-006", "Bundle.entry[0].resource.type")]
    [DataRow("snils", "TRN-010", "Bundle.entry[1].resource.identifier[1].value")]
    public void GivenBrokenBundle_WhenTranslated_ThenFailsWithCodeAndLocation(string breakage, string code, string location)
    {
        var bundle = JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;
        var entries = bundle["entry"]!.AsArray();
        var sections = entries[0]!["resource"]!["section"]!.AsArray();
        switch (breakage)
        {
            case "DOCINFO":
                sections.RemoveAt(0);
                break;
            case "obs10002":
                sections[0]!["entry"]!.AsArray().RemoveAt(2);
                break;
            case "conclusion":
                entries[6]!["resource"]!["valueCodeableConcept"]!["coding"]![0]!["system"] = "urn:oid:1.2.643.5.1.13.13.11.1047";
                break;
            case "coverage":
                entries.RemoveAt(entries.Count - 1);
                break;
            case "legaltime":
                entries[0]!["resource"]!["attester"]![0]!.AsObject().Remove("time");
                break;
            case "position":
                entries[3]!["resource"]!["code"]![0]!["coding"]![0]!["code"] = "99999";
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
        Assert.AreEqual("83", read.Kind, string.Join("\n", read.Problems));
        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        var json = Encoding.UTF8.GetString(read.FhirJson!);
        StringAssert.Contains(json, "67890123438");
        StringAssert.Contains(json, "Васильев");
        StringAssert.Contains(json, "34567890123");
        StringAssert.Contains(json, "1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51");
    }
}
