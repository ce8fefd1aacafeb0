using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class InstrumentalTranslationTests : FhirToSemdKindContract
{
    private const string Value = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section";

    protected override string Kind => "174";

    protected override IReadOnlyList<string> SampleNames => ["Instrumental-174-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "174001", Guid.Parse("12092d7b-1d27-42ce-8827-e2c62d22a1f3"),
        new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), ["23456789099"], "116",
        "1.2.643.5.1.13.13.12.2.77.7973.0.224589", "6", "1.2.643.5.1.13.13.14.6.9.4");

    internal static string PathOf(string number) => SamplePath($"Instrumental-174-{number}");

    private static InstrumentalFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new InstrumentalFhirToSemdTranslator(catalog);

    private static SemdTranslation Sample() => Translator.Translate(File.ReadAllBytes(PathOf("01")));

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenDocumentCodeIsOf1522Version724()
    {
        CollectionAssert.AreEqual(new[] { "7.24" }, HeaderFactLists.Values(Sample().Semd!, "/v3:ClinicalDocument/v3:code/@codeSystemVersion"));
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenCodedBodyElementsCarryAllFiveAttributes()
    {
        var semd = Sample().Semd!;

        const string diagnosis = Value + "[v3:code/@code='DOCINFO']/v3:entry/v3:observation[v3:code/@code='838']/v3:value";
        CollectionAssert.AreEqual(new[] { "I10" }, HeaderFactLists.Values(semd, diagnosis + "/@code"));
        CollectionAssert.AreEqual(new[] { "2.24" }, HeaderFactLists.Values(semd, diagnosis + "/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Эссенциальная [первичная] гипертензия" }, HeaderFactLists.Values(semd, diagnosis + "/@displayName"));
        const string study = Value + "[v3:code/@code='DOCINFO']/v3:entry/v3:act/v3:code";
        CollectionAssert.AreEqual(new[] { "7005028" }, HeaderFactLists.Values(semd, study + "/@code"));
        foreach (var attribute in new[] { "code", "codeSystem", "codeSystemName", "codeSystemVersion", "displayName" })
        {
            var coded = HeaderFactLists.Values(semd, $"//v3:*[@codeSystem]/@{attribute}");
            Assert.AreEqual(HeaderFactLists.Values(semd, "//v3:*[@codeSystem]/@codeSystem").Count, coded.Count(v => v.Length > 0), attribute);
        }

        CollectionAssert.AreEqual(new[] { "3" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:documentationOf/v3:serviceEvent/v3:code/@code"));
    }

    [TestMethod]
    public void GivenSample01Semd_WhenReadBack_ThenDocInfoAndResInfoSectionsSurvive()
    {
        var result = new SemdToFhirTranslator(Samples186.Catalog).Translate(Sample().Semd!);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var composition = (Composition)result.Bundle!.Entry[0].Resource!;
        CollectionAssert.IsSubsetOf(new[] { "DOCINFO", "RESINFO" }, composition.Section.Select(s => s.Code!.Coding[0].Code).ToArray());
    }

    [TestMethod]
    [DataRow("DOCINFO", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("RESINFO", "TRN-007", "Bundle.entry[0].resource.section")]
    public void GivenMissingRequiredSection_WhenTranslated_ThenFailsWithCodeAndLocation(string section, string code, string location)
    {
        var bundle = Load();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == section));

        AssertFails(bundle, code, location);
    }

    [TestMethod]
    [DataRow("Condition", "code.coding.0.code", "I10.99", "TRN-011", "resource.code")]
    [DataRow("Condition", "code", null, "TRN-007", "resource.code")]
    [DataRow("Procedure", "code", null, "TRN-007", "resource.code")]
    [DataRow("Procedure", "code.coding.0.version", null, "TRN-007", "resource.code")]
    [DataRow("Procedure", "performedPeriod", null, "TRN-007", "resource.performed")]
    public void GivenBadBodyResource_WhenTranslated_ThenFailsWithCodeAndLocation(string type, string path, string? value, string code, string suffix)
    {
        var bundle = Load();
        var index = IndexOf(bundle, type);
        Set(bundle["entry"]![index]!["resource"]!, path, value);

        AssertFails(bundle, code, $"Bundle.entry[{index}].{suffix}");
    }

    [TestMethod]
    [DataRow("1806", "TRN-007")]
    [DataRow("800", "TRN-007")]
    public void GivenMissingRequiredObservation_WhenTranslated_ThenFailsWithCodeAtSectionEntries(string field, string code)
    {
        var bundle = Load();
        var entries = bundle["entry"]!.AsArray();
        var observation = entries.First(e => (string?)e!["resource"]!["resourceType"] == "Observation" && (string?)e!["resource"]!["code"]!["coding"]![0]!["code"] == field)!;
        var url = (string?)observation["fullUrl"];
        var sections = entries[0]!["resource"]!["section"]!.AsArray();
        var sectionIndex = sections.Select((s, i) => (s, i)).First(x => x.s!["entry"]!.AsArray().Any(r => (string?)r!["reference"] == url)).i;
        var refs = sections[sectionIndex]!["entry"]!.AsArray();
        refs.Remove(refs.First(r => (string?)r!["reference"] == url));

        AssertFails(bundle, code, $"Bundle.entry[0].resource.section[{sectionIndex}].entry");
    }

    [TestMethod]
    [DataRow("186", "TRN-006")]
    [DataRow("119", "TRN-006")]
    public void GivenOtherKind_WhenTranslated_ThenFailsWithWrongKind(string kind, string code)
    {
        var bundle = Load();
        bundle["entry"]![0]!["resource"]!["type"]!["coding"]![0]!["code"] = kind;

        AssertFails(bundle, code, "Bundle.entry[0].resource.type");
    }

    [TestMethod]
    public void GivenNoServiceEvent_WhenTranslated_ThenFailsWithCodeAtEvent()
    {
        var bundle = Load();
        bundle["entry"]![0]!["resource"]!.AsObject().Remove("event");

        AssertFails(bundle, "TRN-007", "Bundle.entry[0].resource.event");
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
