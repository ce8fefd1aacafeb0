using System.Text;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class ConsultationTranslationTests : FhirToSemdKindContract
{
    internal static ConsultationFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override string Kind => "119";

    protected override IReadOnlyList<string> SampleNames => ["Consultation-119-01", "Consultation-119-02"];

    /// <summary>Sample 02 has two signers (author and another legal authenticator).</summary>
    protected override string FactsSampleName => "Consultation-119-02";

    protected override ExpectedKindFacts ExpectedFacts => new(
        "119002", NameBasedUuid.Create(NameBasedUuid.OidNamespace, "consultation-119/02/bundle"),
        new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), ["34567890123", "23456789099"], "109",
        null, "5", "1.2.643.5.1.13.2.7.5.1.5.9.4");

    internal static string PathOf(string number) => SamplePath($"Consultation-119-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new ConsultationFhirToSemdTranslator(catalog);

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
}
