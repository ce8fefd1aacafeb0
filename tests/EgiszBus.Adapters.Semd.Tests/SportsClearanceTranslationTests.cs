using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class SportsClearanceTranslationTests : FhirToSemdKindContract
{
    internal static SportsClearanceFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override string Kind => "83";

    protected override IReadOnlyList<string> SampleNames => ["SportsClearance-83-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "83001", NameBasedUuid.Create(NameBasedUuid.OidNamespace, "egiszbus-k4/sports-clearance-83/01/bundle"),
        new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), ["34567890123"], "78",
        null, "71", "1.2.643.5.1.13.13.14.71.9.2");

    internal static string PathOf(string number) => SamplePath($"SportsClearance-83-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new SportsClearanceFhirToSemdTranslator(catalog);

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
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }
}
