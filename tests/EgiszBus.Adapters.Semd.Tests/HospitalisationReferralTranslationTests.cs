using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class HospitalisationReferralTranslationTests
{
    private const string Section = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section";

    internal static string PathOf(string number) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", $"HospitalisationReferral-43-{number}.json");

    private static HospitalisationReferralFhirToSemdTranslator Translator => new(Samples186.Catalog);

    private static SemdTranslation Sample() => Translator.Translate(File.ReadAllBytes(PathOf("01")));

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenSucceedsAndIsValidByXsd()
    {
        var result = Sample();

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("43", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenNoRussianExtensionNamespaceIsUsed()
    {
        var text = Encoding.UTF8.GetString(Sample().Semd!);

        foreach (var ns in new[] { "urn:hl7-ru:identity", "urn:hl7-ru:address", "urn:hl7-ru:fias", "urn:hl7-ru:medService" })
        {
            Assert.DoesNotContain(ns, text);
        }
    }

    [TestMethod]
    public void GivenSample01_WhenTranslatedTwice_ThenBytesAreIdentical()
    {
        var first = Sample().Semd!;
        var second = new HospitalisationReferralFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenHospitalisationReferralSample01_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/HospitalisationReferral-43-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenHospitalisationReferralSample01_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "HospitalisationReferral-43-01.xml");
        var actual = Sample().Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenHeaderIsKind43AndFactsNameIdsPatientAndSigner()
    {
        var result = Sample();
        var semd = result.Semd!;
        var facts = result.Facts!;

        CollectionAssert.AreEqual(new[] { HospitalisationReferralFhirToSemdTranslator.TemplateId }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:templateId/@root"));
        CollectionAssert.AreEqual(new[] { "3" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "7.24" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Васильев", "Дмитрий", "Андреевич" },
            HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:patient/v3:name/*"));
        CollectionAssert.AreEqual(new[] { "67890123438" },
            HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:id[@root='1.2.643.100.3']/@extension"));
        Assert.AreEqual("43", facts.Kind);
        Assert.AreEqual("43001", facts.DocumentIdExtension);
        Assert.AreEqual(Guid.Parse("e7ab676e-cdc7-4b3d-94f7-927ea6d9b95c"), facts.LocalUid);
        Assert.AreEqual(new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), facts.Patient);
        Assert.AreEqual("34567890123", facts.Signers.Single().Snils);
        Assert.AreEqual("109", facts.Signers[0].PositionCode);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.0.224589", facts.DepartmentOid);
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenBodyCarriesPurposeTargetDiagnosisAndAllFiveCodeAttributes()
    {
        var semd = Sample().Semd!;

        const string act = Section + "[v3:code/@code='SCOPORG']/v3:entry/v3:act";
        CollectionAssert.AreEqual(new[] { "13" }, HeaderFactLists.Values(semd, act + "/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "Госпитализация" }, HeaderFactLists.Values(semd, act + "/v3:code/@displayName"));
        CollectionAssert.AreEqual(new[] { "3.10" }, HeaderFactLists.Values(semd, act + "/v3:code/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "20250421" }, HeaderFactLists.Values(semd, act + "/v3:effectiveTime/@value"));
        CollectionAssert.AreEqual(new[] { "1.2.643.5.1.13.13.12.2.77.7980" },
            HeaderFactLists.Values(semd, act + "/v3:performer/v3:assignedEntity/v3:representedOrganization/v3:id/@root"));
        const string diagnosis = Section + "[v3:code/@code='DGN']/v3:entry/v3:observation/v3:value";
        CollectionAssert.AreEqual(new[] { "I20.8" }, HeaderFactLists.Values(semd, diagnosis + "/@code"));
        CollectionAssert.AreEqual(new[] { "Другие формы стенокардии" }, HeaderFactLists.Values(semd, diagnosis + "/@displayName"));
        StringAssert.Contains(string.Concat(HeaderFactLists.Values(semd, Section + "[v3:code/@code='ELU']/v3:text")), "коронарографии");
        var systems = HeaderFactLists.Values(semd, "//v3:*[@codeSystem]/@codeSystem").Count;
        Assert.IsGreaterThan(8, systems);
        foreach (var attribute in new[] { "code", "codeSystem", "codeSystemName", "codeSystemVersion", "displayName" })
        {
            Assert.AreEqual(systems, HeaderFactLists.Values(semd, $"//v3:*[@codeSystem]/@{attribute}").Count(v => v.Length > 0), attribute);
        }
    }

    [TestMethod]
    public void GivenSample01Semd_WhenReadBack_ThenHeaderPatientAndAuthorSurvive()
    {
        var semd = Sample().Semd!;

        var result = new SemdToFhirTranslator(Samples186.Catalog).Translate(semd);

        Assert.IsNotNull(result.Bundle, string.Join("\n", result.Problems));
        if (result.Kind == "43")
        {
            Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        }
        else
        {
            // Until SemdKinds lists template 1.2.643.5.1.13.13.14.3.9.2 the kind is unknown; nothing else may be wrong.
            Assert.AreEqual("TRN-205 /ClinicalDocument/code", string.Join("\n", result.Problems.Select(p => p.Code + " " + p.Location)));
        }

        Assert.AreEqual("43001", result.Bundle!.Identifier!.Value);
        var patient = result.Bundle.Entry.Select(e => e.Resource).OfType<Patient>().Single();
        Assert.AreEqual("67890123438", patient.Identifier.Single(i => i.System == "urn:oid:1.2.643.100.3").Value);
        Assert.AreEqual("1992-07-21", patient.BirthDate);
        Assert.AreEqual("Васильев", patient.Name[0].Family);
        var practitioners = result.Bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().ToList();
        Assert.IsTrue(practitioners.Any(p => p.Identifier.Any(i => i.System == "urn:oid:1.2.643.100.3" && i.Value == "34567890123")));
        var composition = (Composition)result.Bundle.Entry[0].Resource!;
        CollectionAssert.AreEqual(new[] { "SCOPORG", "DGN", "ELU" }, composition.Section.Select(s => s.Code!.Coding[0].Code).ToArray());
    }

    [TestMethod]
    [DataRow("SCOPORG")]
    [DataRow("DGN")]
    [DataRow("ELU")]
    public void GivenMissingRequiredSection_WhenTranslated_ThenFailsWithCodeAndLocation(string section)
    {
        var bundle = Load();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == section));

        AssertFails(bundle, "TRN-007", "Bundle.entry[0].resource.section");
    }

    [TestMethod]
    [DataRow("Condition", "code.coding.0.code", "I20.99", "TRN-011", "resource.code")]
    [DataRow("Condition", "code", null, "TRN-007", "resource.code")]
    [DataRow("ServiceRequest", "code.coding.0.code", "999", "TRN-011", "resource.code")]
    [DataRow("ServiceRequest", "code", null, "TRN-007", "resource.code")]
    [DataRow("ServiceRequest", "performer", null, "TRN-007", "resource.performer")]
    [DataRow("ServiceRequest", "occurrenceDateTime", "21.04.2025", "TRN-014", "resource.occurrence")]
    public void GivenBadBodyResource_WhenTranslated_ThenFailsWithCodeAndLocation(string type, string path, string? value, string code, string suffix)
    {
        var bundle = Load();
        var index = IndexOf(bundle, type);
        Set(bundle["entry"]![index]!["resource"]!, path, value);

        AssertFails(bundle, code, $"Bundle.entry[{index}].{suffix}");
    }

    [TestMethod]
    [DataRow("identifier", null, "TRN-007", "resource.identifier")]
    [DataRow("name", null, "TRN-007", "resource.name")]
    public void GivenBadTargetOrganization_WhenTranslated_ThenFailsWithCodeAndLocation(string path, string? value, string code, string suffix)
    {
        var bundle = Load();
        var index = bundle["entry"]!.AsArray().Select((e, i) => (e, i))
            .First(x => (string?)x.e!["resource"]!["resourceType"] == "Organization" && x.e!.ToJsonString().Contains("77.7980", StringComparison.Ordinal)).i;
        Set(bundle["entry"]![index]!["resource"]!, path, value);

        AssertFails(bundle, code, $"Bundle.entry[{index}].{suffix}");
    }

    [TestMethod]
    public void GivenEmptyJustification_WhenTranslated_ThenFailsAtSectionText()
    {
        var bundle = Load();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        var index = sections.Select((s, i) => (s, i)).First(x => (string?)x.s!["code"]!["coding"]![0]!["code"] == "ELU").i;
        sections[index]!["text"]!["div"] = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p> </p></div>";

        AssertFails(bundle, "TRN-007", $"Bundle.entry[0].resource.section[{index}].text");
    }

    [TestMethod]
    [DataRow("186", "TRN-006")]
    [DataRow("174", "TRN-006")]
    public void GivenOtherKind_WhenTranslated_ThenFailsWithWrongKind(string kind, string code)
    {
        var bundle = Load();
        bundle["entry"]![0]!["resource"]!["type"]!["coding"]![0]!["code"] = kind;

        AssertFails(bundle, code, "Bundle.entry[0].resource.type");
    }

    [TestMethod]
    [DataRow("112-233-445 96", "TRN-010")]
    [DataRow(null, "TRN-009")]
    public void GivenBadPatientSnils_WhenTranslated_ThenFailsWithCode(string? snils, string code)
    {
        var bundle = Load();
        var index = IndexOf(bundle, "Patient");
        var identifiers = bundle["entry"]![index]!["resource"]!["identifier"]!.AsArray();
        var snilsIdentifier = identifiers.First(i => (string?)i!["system"] == "urn:oid:1.2.643.100.3")!;
        if (snils is null)
        {
            identifiers.Remove(snilsIdentifier);
        }
        else
        {
            snilsIdentifier["value"] = snils;
        }

        AssertFails(bundle, code, $"Bundle.entry[{index}].resource.identifier");
    }

    private static JsonNode Load() => JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;

    private static int IndexOf(JsonNode bundle, string type) =>
        bundle["entry"]!.AsArray().Select((e, i) => (e, i)).First(x => (string?)x.e!["resource"]!["resourceType"] == type).i;

    private static void Set(JsonNode node, string path, string? value)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var n) ? node[n]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (value is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = value;
        }
    }

    private static void AssertFails(JsonNode bundle, string code, string location)
    {
        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location is not null && p.Location.StartsWith(location, StringComparison.Ordinal)),
            $"expected {code} at {location}:\n" + string.Join("\n", result.Problems));
    }
}
