using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class NoContactCertificateTranslationTests : FhirToSemdKindContract
{
    private const string DocInfoObservation = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='DOCINFO']/v3:entry/v3:observation";

    internal static NoContactCertificateFhirToSemdTranslator Translator => new(Samples186.Catalog);

    protected override string Kind => "80";

    protected override IReadOnlyList<string> SampleNames => ["NoContactCertificate-80-01"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "80001", Guid.Parse("d59d889a-5364-451d-8e44-ffe6c5f9de1c"),
        new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), ["23456789099"], "109",
        null, "88", "1.2.643.5.1.13.13.14.88.9.2");

    private static byte[] Sample => File.ReadAllBytes(SamplePath("NoContactCertificate-80-01"));

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new NoContactCertificateFhirToSemdTranslator(catalog);

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenHeaderCarriesKind80DisplayNameSignatureCodeAndParticipant()
    {
        var semd = Translator.Translate(Sample).Semd!;

        CollectionAssert.AreEqual(new[] { "Справка об отсутствии контактов с инфекционными больными" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@displayName"));
        CollectionAssert.AreEqual(new[] { "S" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:legalAuthenticator/v3:signatureCode/@code"));
        CollectionAssert.AreEqual(new[] { "IND" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:participant/@typeCode"));
    }

    [TestMethod]
    [DataRow("837", "@code", "8")]
    [DataRow("837", "@codeSystem", "1.2.643.5.1.13.13.99.2.725")]
    [DataRow("837", "@codeSystemName", "Перечень заключений в медицинских документах")]
    [DataRow("837", "@codeSystemVersion", "1.15")]
    [DataRow("837", "@displayName", "За последние 21 день инфекционных заболеваний не зарегистрировано")]
    [DataRow("12007", "@value", "false")]
    public void GivenSample_WhenTranslated_ThenDocInfoValueIsFullyCoded(string field, string attribute, string expected)
    {
        var semd = Translator.Translate(Sample).Semd!;

        CollectionAssert.AreEqual(new[] { expected }, HeaderFactLists.Values(semd, $"{DocInfoObservation}[v3:code/@code='{field}']/v3:value/{attribute}"));
    }

    [TestMethod]
    [DataRow("remove-docinfo", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("remove-837", "TRN-007", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("care-order-99", "TRN-011", "Bundle.entry[5].resource.value")]
    [DataRow("care-order-no-system", "TRN-007", "Bundle.entry[5].resource.value")]
    [DataRow("contact-not-boolean", "TRN-007", "Bundle.entry[6].resource.value")]
    [DataRow("period-without-end", "TRN-007", "Bundle.entry[7].resource.effective")]
    [DataRow("unknown-field", "TRN-011", "Bundle.entry[7].resource.code")]
    [DataRow("remove-coverage", "TRN-007", "Bundle.entry")]
    [DataRow("wrong-1522-type", "TRN-006", "Bundle.entry[0].resource.type")]
    [DataRow("wrong-kind", "TRN-006", "Bundle.entry[0].resource.type")]
    public void GivenBrokenBundle_WhenTranslated_ThenFailsWithCodeAndLocation(string breakage, string code, string location)
    {
        var bundle = JsonNode.Parse(Sample)!;
        var entries = bundle["entry"]!.AsArray();
        var composition = entries[0]!["resource"]!;
        JsonNode Observation(string field) => entries.Select(e => e!["resource"]!).First(r => (string?)r["resourceType"] == "Observation" && (string?)r["code"]!["coding"]![0]!["code"] == field);
        switch (breakage)
        {
            case "remove-docinfo":
                composition.AsObject().Remove("section");
                break;
            case "remove-837":
                composition["section"]![0]!["entry"]!.AsArray().RemoveAt(0);
                break;
            case "care-order-99":
                Observation("837")["valueCodeableConcept"]!["coding"]![0]!["code"] = "99";
                break;
            case "care-order-no-system":
                Observation("837")["valueCodeableConcept"]!["coding"]![0]!["system"] = "urn:oid:1.2.643.5.1.13.13.11.1005";
                break;
            case "contact-not-boolean":
                Observation("12007").AsObject().Remove("valueBoolean");
                break;
            case "period-without-end":
                Observation("10001")["effectivePeriod"]!.AsObject().Remove("end");
                break;
            case "unknown-field":
                Observation("10001")["code"]!["coding"]![0]!["code"] = "99999";
                break;
            case "remove-coverage":
                entries.Remove(entries.First(e => (string?)e!["resource"]!["resourceType"] == "Coverage"));
                break;
            case "wrong-1522-type":
                composition["type"]!["coding"]![1]!["code"] = "5";
                break;
            case "wrong-kind":
                composition["type"]!["coding"]![0]!["code"] = "119";
                break;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }
}
