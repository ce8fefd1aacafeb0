using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class PreferentialPrescriptionTranslationTests : FhirToSemdKindContract
{
    private const string Body = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section";
    private const string Recipe = Body + "[v3:code/@code='RECIPE']/v3:entry/v3:substanceAdministration";

    protected override string Kind => "141";

    protected override IReadOnlyList<string> SampleNames => ["PreferentialPrescription-141-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "141001", Guid.Parse("29b3652f-6330-41ab-bd34-4a8e7c24a476"),
        new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), ["34567890123"], "109",
        null, "37", "1.2.643.5.1.13.13.14.37.9.4");

    internal static string PathOf(string number) => SamplePath($"PreferentialPrescription-141-{number}");

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new PreferentialPrescriptionFhirToSemdTranslator(catalog);

    internal static PreferentialPrescriptionFhirToSemdTranslator Translator => new(Samples186.Catalog);

    private static JsonNode Sample() => JsonNode.Parse(File.ReadAllBytes(PathOf("01")))!;

    private static int IndexOf(JsonNode bundle, string resourceType, string? fieldCode = null) =>
        bundle["entry"]!.AsArray().Select((e, i) => (e, i)).First(x => (string?)x.e!["resource"]!["resourceType"] == resourceType
            && (fieldCode is null || (string?)x.e["resource"]!["code"]!["coding"]![0]!["code"] == fieldCode)).i;

    private static JsonObject Resource(JsonNode bundle, int index) => bundle["entry"]![index]!["resource"]!.AsObject();

    private static SemdTranslation Translate(JsonNode bundle) => Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

    private static void AssertProblem(SemdTranslation result, string code, string location)
    {
        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), $"expected {code} at {location}:\n" + string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenBodyValuesAreWritten()
    {
        var semd = Translator.Translate(File.ReadAllBytes(PathOf("01"))).Semd!;

        CollectionAssert.AreEqual(new[] { "DOCINFO", "BENEFITS", "RECIPE" }, HeaderFactLists.Values(semd, Body + "/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "45-25", "000141001" },
            HeaderFactLists.Values(semd, Body + "[v3:code/@code='DOCINFO']/v3:entry/v3:observation[v3:code/@code='6001' or v3:code/@code='6002']/v3:value"));
        CollectionAssert.AreEqual(new[] { "E11.9" }, HeaderFactLists.Values(semd, Body + "[v3:code/@code='DOCINFO']/v3:entry/v3:observation[v3:code/@code='809']/v3:value/@code"));
        CollectionAssert.AreEqual(new[] { "100" }, HeaderFactLists.Values(semd, Body + "[v3:code/@code='BENEFITS']/v3:entry/v3:observation[v3:code/@code='6010']/v3:value/@value"));
        CollectionAssert.AreEqual(new[] { "60" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:observation[v3:code/@code='6011']/v3:value/@value"));
        CollectionAssert.AreEqual(new[] { "30" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:substanceAdministration/v3:effectiveTime[1]/v3:width/@value"));
        CollectionAssert.AreEqual(new[] { "ч" }, HeaderFactLists.Values(semd, Recipe + "/v3:entryRelationship/v3:substanceAdministration/v3:effectiveTime[2]/v3:period/v3:translation/@displayName"));
    }

    [TestMethod]
    [DataRow("DOCINFO")]
    [DataRow("BENEFITS")]
    [DataRow("RECIPE")]
    public void GivenMissingSection_WhenTranslated_ThenFailsWithMissingElementOnSections(string section)
    {
        var bundle = Sample();
        var sections = bundle["entry"]![0]!["resource"]!["section"]!.AsArray();
        sections.Remove(sections.First(s => (string?)s!["code"]!["coding"]![0]!["code"] == section));

        AssertProblem(Translate(bundle), "TRN-007", "Bundle.entry[0].resource.section");
    }

    [TestMethod]
    [DataRow("6001", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("6002", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("6004", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("6006", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("11001", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("811", "Bundle.entry[0].resource.section[1].entry")]
    [DataRow("6009", "Bundle.entry[0].resource.section[1].entry")]
    [DataRow("6010", "Bundle.entry[0].resource.section[1].entry")]
    public void GivenMissingObservation_WhenTranslated_ThenFailsWithMissingElementOnSectionEntries(string field, string location)
    {
        var bundle = Sample();
        var fullUrl = (string?)bundle["entry"]![IndexOf(bundle, "Observation", field)]!["fullUrl"];
        foreach (var section in bundle["entry"]![0]!["resource"]!["section"]!.AsArray())
        {
            var entries = section!["entry"]!.AsArray();
            if (entries.FirstOrDefault(r => (string?)r!["reference"] == fullUrl) is { } reference)
            {
                entries.Remove(reference);
            }
        }

        AssertProblem(Translate(bundle), "TRN-007", location);
    }

    [TestMethod]
    public void GivenNoDiagnosis_WhenTranslated_ThenFailsWithMissingElementOnDocInfoEntries()
    {
        var bundle = Sample();
        var docInfo = bundle["entry"]![0]!["resource"]!["section"]![0]!["entry"]!.AsArray();
        var fullUrl = (string?)bundle["entry"]![IndexOf(bundle, "Condition")]!["fullUrl"];
        docInfo.Remove(docInfo.First(r => (string?)r!["reference"] == fullUrl));

        AssertProblem(Translate(bundle), "TRN-007", "Bundle.entry[0].resource.section[0].entry");
    }

    [TestMethod]
    [DataRow("unknown-icd", "TRN-011", ".code")]
    [DataRow("no-icd", "TRN-007", ".code")]
    public void GivenBadDiagnosis_WhenTranslated_ThenFailsWithCodeAndLocation(string change, string code, string suffix)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Condition");
        var coding = Resource(bundle, index)["code"]!["coding"]![0]!.AsObject();
        if (change == "unknown-icd")
        {
            coding["code"] = "X99.99";
        }
        else
        {
            coding["system"] = "urn:oid:1.2.3";
        }

        AssertProblem(Translate(bundle), code, $"Bundle.entry[{index}].resource{suffix}");
    }

    [TestMethod]
    [DataRow("6004", "validity-6", "TRN-014", ".valueCodeableConcept")]
    [DataRow("6004", "no-until", "TRN-007", ".effective")]
    [DataRow("6004", "no-version", "TRN-007", ".valueCodeableConcept")]
    [DataRow("6001", "no-value", "TRN-007", ".value")]
    [DataRow("6006", "no-value", "TRN-007", ".value")]
    [DataRow("811", "no-version", "TRN-007", ".valueCodeableConcept")]
    [DataRow("6010", "percent-150", "TRN-014", ".value")]
    public void GivenBadObservation_WhenTranslated_ThenFailsWithCodeAndLocation(string field, string change, string code, string suffix)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "Observation", field);
        var observation = Resource(bundle, index);
        switch (change)
        {
            case "validity-6": observation["valueCodeableConcept"]!["coding"]![0]!["code"] = "6"; break;
            case "no-until": observation.Remove("effectiveDateTime"); break;
            case "no-version": observation["valueCodeableConcept"]!["coding"]![0]!.AsObject().Remove("version"); break;
            case "no-value":
                observation.Remove("valueString");
                observation.Remove("valueBoolean");
                break;
            case "percent-150": observation["valueQuantity"]!["value"] = 150; break;
        }

        AssertProblem(Translate(bundle), code, $"Bundle.entry[{index}].resource{suffix}");
    }

    [TestMethod]
    [DataRow("medication", "TRN-007", ".medicationCodeableConcept")]
    [DataRow("route", "TRN-007", ".dosageInstruction[0].route")]
    [DataRow("dose", "TRN-007", ".dosageInstruction[0].doseAndRate[0].doseQuantity")]
    [DataRow("dose-unit", "TRN-011", ".dosageInstruction[0].doseAndRate[0].doseQuantity.code")]
    [DataRow("quantity", "TRN-007", ".dispenseRequest.quantity")]
    [DataRow("quantity-unit", "TRN-014", ".dispenseRequest.quantity.code")]
    [DataRow("bounds", "TRN-007", ".dosageInstruction[0].timing.repeat.bounds")]
    [DataRow("period", "TRN-007", ".dosageInstruction[0].timing.repeat.period")]
    public void GivenBadMedicationRequest_WhenTranslated_ThenFailsWithCodeAndLocation(string change, string code, string suffix)
    {
        var bundle = Sample();
        var index = IndexOf(bundle, "MedicationRequest");
        var request = Resource(bundle, index);
        var dosage = request["dosageInstruction"]![0]!.AsObject();
        switch (change)
        {
            case "medication": request.Remove("medicationCodeableConcept"); break;
            case "route": dosage.Remove("route"); break;
            case "dose": dosage.Remove("doseAndRate"); break;
            case "dose-unit": dosage["doseAndRate"]![0]!["doseQuantity"]!["code"] = "999999"; break;
            case "quantity": request.Remove("dispenseRequest"); break;
            case "quantity-unit": request["dispenseRequest"]!["quantity"]!["code"] = "293"; break;
            case "bounds": dosage["timing"]!["repeat"]!.AsObject().Remove("boundsPeriod"); break;
            case "period": dosage["timing"]!["repeat"]!.AsObject().Remove("period"); break;
        }

        AssertProblem(Translate(bundle), code, $"Bundle.entry[{index}].resource{suffix}");
    }

    [TestMethod]
    public void GivenTwoMedicationRequests_WhenTranslated_ThenFailsBecauseAPreferentialPrescriptionHoldsOne()
    {
        var bundle = Sample();
        var entries = bundle["entry"]![0]!["resource"]!["section"]![2]!["entry"]!.AsArray();
        entries.Add(entries[0]!.DeepClone());

        AssertProblem(Translate(bundle), "TRN-007", "Bundle.entry[0].resource.section[2].entry");
    }

    [TestMethod]
    public void GivenNoEncounter_WhenTranslated_ThenFailsWithMissingEncounter()
    {
        var bundle = Sample();
        bundle["entry"]![0]!["resource"]!.AsObject().Remove("encounter");

        AssertProblem(Translate(bundle), "TRN-007", "Bundle.entry[0].resource.encounter");
    }

    [TestMethod]
    [DataRow("148")]
    [DataRow("999")]
    public void GivenOtherKind_WhenTranslated_ThenFailsWithWrongKind(string kind)
    {
        var bundle = Sample();
        bundle["entry"]![0]!["resource"]!["type"]!["coding"]![0]!["code"] = kind;

        AssertProblem(Translate(bundle), "TRN-006", "Bundle.entry[0].resource.type");
    }
}
