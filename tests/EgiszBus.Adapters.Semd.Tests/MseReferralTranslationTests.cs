using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class MseReferralTranslationTests : FhirToSemdKindContract
{
    internal static MseReferralFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override string Kind => "121";

    protected override IReadOnlyList<string> SampleNames => ["MseReferral-121-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "121001", Guid.Parse("850873c9-0235-40d7-8829-ae1c27cd1e8d"),
        new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), ["34567890123"], "35",
        null, "34", "1.2.643.5.1.13.13.14.34.9.6");

    /// <summary>The contract refuses a laboratory Bundle; this kind was also always checked against a consultation.</summary>
    protected override string OtherKindSampleName => "Consultation-119-01";

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new MseReferralFhirToSemdTranslator(catalog);

    private static JsonNode Sample() => JsonNode.Parse(File.ReadAllBytes(SamplePath("MseReferral-121-01")))!;

    private static SemdTranslation Translate(JsonNode bundle) => Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

    private static int IndexOf(JsonNode bundle, string fullUrlSuffixOrType, Func<JsonNode, bool>? filter = null) =>
        bundle["entry"]!.AsArray().Select((e, i) => (e, i))
            .First(x => (string?)x.e!["resource"]!["resourceType"] == fullUrlSuffixOrType && (filter is null || filter(x.e!["resource"]!))).i;

    private static Func<JsonNode, bool> FieldCode(string code) => r => (string?)r["code"]!["coding"]![0]!["code"] == code;

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenHeaderCarriesTheKindsDisplayName()
    {
        var semd = Translator.Translate(File.ReadAllBytes(SamplePath(SampleNames[0]))).Semd!;

        CollectionAssert.AreEqual(new[] { "Направление на медико-социальную экспертизу медицинской организацией" },
            HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@displayName"));
    }

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenDiagnosisAndCodedFieldsCarryAllFiveAttributes()
    {
        var semd = Translator.Translate(File.ReadAllBytes(SamplePath(SampleNames[0]))).Semd!;

        const string dgn = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='DGN']/v3:entry/v3:act/v3:entryRelationship/v3:observation/v3:value";
        CollectionAssert.AreEqual(new[] { "I69.3" }, HeaderFactLists.Values(semd, dgn + "/@code"));
        CollectionAssert.AreEqual(new[] { "2.24" }, HeaderFactLists.Values(semd, dgn + "/@codeSystemVersion"));
        CollectionAssert.AreEqual(new[] { "Последствия инфаркта мозга" }, HeaderFactLists.Values(semd, dgn + "/@displayName"));
        foreach (var attribute in new[] { "code", "codeSystem", "codeSystemName", "codeSystemVersion", "displayName" })
        {
            var coded = HeaderFactLists.Values(semd, $"//v3:structuredBody//v3:code[not(@{attribute})] | //v3:structuredBody//v3:value[@*[local-name()='type']='CD'][not(@{attribute})]");
            Assert.IsEmpty(coded, $"coded elements without @{attribute}");
        }
    }

    [TestMethod]
    [DataRow("SCOPORG")]
    [DataRow("SOCANAM")]
    [DataRow("VITALPARAM")]
    [DataRow("STATECUR")]
    [DataRow("DGN")]
    [DataRow("REGIME")]
    [DataRow("CONSENT")]
    public void GivenBundleWithoutRequiredSection_WhenTranslated_ThenMissingElementAtSections(string code)
    {
        var bundle = Sample();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == code));

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == "Bundle.entry[0].resource.section" && p.Message.Contains(code, StringComparison.Ordinal)),
            string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("4059", 0)]
    [DataRow("4102", 3)]
    [DataRow("4109", 5)]
    [DataRow("12480", 9)]
    public void GivenBundleWithoutRequiredField_WhenTranslated_ThenMissingElementAtSectionEntry(string field, int section)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Observation", FieldCode(field));
        var fullUrl = (string?)bundle["entry"]![index]!["fullUrl"];
        var entries = bundle["entry"]![0]!["resource"]!["section"]![section]!["entry"]!.AsArray();
        entries.Remove(entries.First(e => (string?)e!["reference"] == fullUrl));

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == $"Bundle.entry[0].resource.section[{section}].entry" && p.Message.Contains(field, StringComparison.Ordinal)),
            string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("I69.99", "TRN-011")]
    [DataRow(null, "TRN-007")]
    public void GivenBadDiagnosis_WhenTranslated_ThenFailsWithCodeAndLocation(string? icd, string code)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Condition");
        var condition = bundle["entry"]![index]!["resource"]!;
        if (icd is null)
        {
            condition.AsObject().Remove("code");
        }
        else
        {
            condition["code"]!["coding"]![0]!["code"] = icd;
        }

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == $"Bundle.entry[{index}].resource.code"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("4060", "valueString", "да")]
    [DataRow("4062", "valueString", "14.04.2025")]
    [DataRow("4109", "valueBoolean", "true")]
    public void GivenFieldWithWrongValueType_WhenTranslated_ThenInvalidValueAtObservationValue(string field, string property, string value)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Observation", FieldCode(field));
        var observation = bundle["entry"]![index]!["resource"]!.AsObject();
        foreach (var name in observation.Select(p => p.Key).Where(k => k.StartsWith("value", StringComparison.Ordinal)).ToList())
        {
            observation.Remove(name);
        }

        observation[property] = property == "valueBoolean" ? JsonValue.Create(bool.Parse(value)) : JsonValue.Create(value);

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-014" && p.Location == $"Bundle.entry[{index}].resource.value"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("9999", "TRN-011")]
    public void GivenUnknownFieldCode_WhenTranslated_ThenUnknownCodeAtObservationCode(string field, string code)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Observation", FieldCode("4103"));
        bundle["entry"]![index]!["resource"]!["code"]!["coding"]![0]!["code"] = field;

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == $"Bundle.entry[{index}].resource.code"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenPatientWithoutIdentityDocument_WhenTranslated_ThenMissingElementAtSubject()
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Patient");
        var identifiers = bundle["entry"]![index]!["resource"]!["identifier"]!.AsArray();
        identifiers.Remove(identifiers.First(i => (string?)i!["system"] == "https://fhir.ru/ig/core/systems/identity-document"));

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == "Bundle.entry[0].resource.subject"), string.Join("\n", result.Problems));
    }
}
