using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class DispanserizationTranslationTests : FhirToSemdKindContract
{
    internal static DispanserizationFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override string Kind => "122";

    protected override IReadOnlyList<string> SampleNames => ["Dispanserization-122-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "122001", NameBasedUuid.Create(NameBasedUuid.OidNamespace, "egiszbus-k4/dispanserization-122/01/bundle"),
        new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), ["23456789099"], "109",
        null, "141", "1.2.643.5.1.13.13.14.141.9.2");

    internal static string PathOf(string number) => SamplePath($"Dispanserization-122-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new DispanserizationFhirToSemdTranslator(catalog);

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
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }
}
