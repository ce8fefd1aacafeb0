using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class PrescriptionTranslationTests : FhirToSemdKindContract
{
    private const string Recipe = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='RECIPE']/v3:entry/v3:substanceAdministration";

    protected override string Kind => "148";

    protected override IReadOnlyList<string> SampleNames => ["Prescription-148-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "148001", Guid.Parse("508b9203-c345-5f57-948f-f5bc1370ff83"),
        new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), ["23456789099"], "109",
        null, "86", "1.2.643.5.1.13.13.14.86.9.2");

    internal static string PathOf(string number) => SamplePath($"Prescription-148-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new PrescriptionFhirToSemdTranslator(catalog);

    internal static PrescriptionFhirToSemdTranslator Translator => new(Samples186.Catalog);

    private static JsonNode Sample() => JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;

    private static int IndexOf(JsonNode bundle, string resourceType, int nth = 0) =>
        bundle["entry"]!.AsArray().Select((e, i) => (e, i)).Where(x => (string?)x.e!["resource"]!["resourceType"] == resourceType).ElementAt(nth).i;

    private static SemdTranslation Translate(JsonNode bundle) => Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenEveryItemIsWritten()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(new[] { "20250312", "20250312" }, HeaderFactLists.Values(semd, Recipe + "/v3:effectiveTime/v3:low/@value"));
        CollectionAssert.AreEqual(new[] { "21", "10" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:observation[v3:code/@code='6011']/v3:value/@value"));
        CollectionAssert.AreEqual(new[] { "Количество штук", "Количество штук" },
            HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:observation[v3:code/@code='6011']/v3:value/v3:translation/@displayName"));
        CollectionAssert.AreEqual(new[] { "7", "10" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:substanceAdministration/v3:effectiveTime[1]/v3:width/@value"));
        CollectionAssert.AreEqual(new[] { "h", "d" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:substanceAdministration/v3:effectiveTime[2]/v3:period/@unit"));
    }

    [TestMethod]
    [DataRow("RECIPE", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("DOCINFO", "TRN-007", "Bundle.entry[0].resource.section")]
    public void GivenMissingSection_WhenTranslated_ThenFailsWithCodeAndLocation(string section, string code, string location)
    {
        var bundle = Sample();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == section));

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("medication", "TRN-007", ".medicationCodeableConcept")]
    [DataRow("route", "TRN-007", ".dosageInstruction[0].route")]
    [DataRow("dose", "TRN-007", ".dosageInstruction[0].doseAndRate[0].doseQuantity")]
    [DataRow("unit", "TRN-011", ".dispenseRequest.quantity.code")]
    [DataRow("quantity", "TRN-007", ".dispenseRequest.quantity")]
    [DataRow("bounds", "TRN-007", ".dosageInstruction[0].timing.repeat.bounds")]
    [DataRow("period", "TRN-007", ".dosageInstruction[0].timing.repeat.period")]
    public void GivenBadMedicationRequest_WhenTranslated_ThenFailsWithCodeAndLocation(string change, string code, string suffix)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "MedicationRequest", 1);
        var request = bundle["entry"]![index]!["resource"]!.AsObject();
        var dosage = request["dosageInstruction"]![0]!.AsObject();
        switch (change)
        {
            case "medication": request.Remove("medicationCodeableConcept"); break;
            case "route": dosage.Remove("route"); break;
            case "dose": dosage.Remove("doseAndRate"); break;
            case "unit": request["dispenseRequest"]!["quantity"]!["code"] = "999999"; break;
            case "quantity": request.Remove("dispenseRequest"); break;
            case "bounds": dosage["timing"]!["repeat"]!.AsObject().Remove("boundsPeriod"); break;
            case "period": dosage["timing"]!["repeat"]!.AsObject().Remove("period"); break;
        }

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == $"Bundle.entry[{index}].resource{suffix}"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("6004", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("6006", "Bundle.entry[0].resource.section[0].entry")]
    public void GivenMissingDocInfoObservation_WhenTranslated_ThenFailsWithCodeAndLocation(string field, string location)
    {
        var bundle = Sample();
        var entries = bundle["entry"]!.AsArray();
        var observation = entries.First(e => (string?)e!["resource"]!["resourceType"] == "Observation" && (string?)e["resource"]!["code"]!["coding"]![0]!["code"] == field)!;
        var docInfo = bundle["entry"]![0]!["resource"]!["section"]![0]!["entry"]!.AsArray();
        docInfo.Remove(docInfo.First(r => (string?)r!["reference"] == (string?)observation["fullUrl"]));

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("119", "TRN-006")]
    [DataRow("999", "TRN-006")]
    public void GivenOtherKind_WhenTranslated_ThenFailsWithWrongKind(string kind, string code)
    {
        var bundle = Sample();
        bundle["entry"]![0]!["resource"]!["type"]!["coding"]![0]!["code"] = kind;

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == "Bundle.entry[0].resource.type"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenFourItems_WhenTranslated_ThenFailsBecauseAPrescriptionHoldsAtMostThree()
    {
        var bundle = Sample();
        var entries = bundle["entry"]![0]!["resource"]!["section"]![1]!["entry"]!.AsArray();
        entries.Add(entries[0]!.DeepClone());
        entries.Add(entries[1]!.DeepClone());

        var result = Translate(bundle);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-007" && p.Location == "Bundle.entry[0].resource.section[1].entry"), string.Join("\n", result.Problems));
    }
}
