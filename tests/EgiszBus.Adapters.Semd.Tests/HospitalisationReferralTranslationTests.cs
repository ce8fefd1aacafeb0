using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class HospitalisationReferralTranslationTests : FhirToSemdKindContract
{
    private const string Section = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section";

    protected override string Kind => "43";

    protected override IReadOnlyList<string> SampleNames => ["HospitalisationReferral-43-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "43001", Guid.Parse("e7ab676e-cdc7-4b3d-94f7-927ea6d9b95c"),
        new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), ["34567890123"], "109",
        "1.2.643.5.1.13.13.12.2.77.7973.0.224589", "3", HospitalisationReferralFhirToSemdTranslator.TemplateId);

    /// <summary>Kind 43 has an XSD but no compiled schematron in the shared data.</summary>
    protected override OfficialRulesCheck OfficialRules => OfficialRulesCheck.NoSchematron;

    internal static string PathOf(string number) => SamplePath($"HospitalisationReferral-43-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new HospitalisationReferralFhirToSemdTranslator(catalog);

    private static HospitalisationReferralFhirToSemdTranslator Translator => new(Samples186.Catalog);

    private static SemdTranslation Sample() => Translator.Translate(File.ReadAllBytes(PathOf("01")));

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
    public void GivenSample01_WhenTranslated_ThenHeaderCarriesDocumentCodeVersionAndPatientNameParts()
    {
        var semd = Sample().Semd!;

        CollectionAssert.AreEqual(new[] { "7.24" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Васильев", "Дмитрий", "Андреевич" },
            HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:patient/v3:name/*"));
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
    public void GivenSample01Semd_WhenReadBack_ThenTheThreeSectionsSurvive()
    {
        var result = new SemdToFhirTranslator(Samples186.Catalog).Translate(Sample().Semd!);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var composition = (Composition)result.Bundle!.Entry[0].Resource!;
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
