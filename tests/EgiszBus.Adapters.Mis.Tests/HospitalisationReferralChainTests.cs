using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class HospitalisationReferralChainTests
{
    private const string Sample = "Json/HospitalisationReferral-43-01.json";

    private static readonly Lazy<HospitalisationReferralFhirToSemdTranslator> SemdLazy =
        new(() => new HospitalisationReferralFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static HospitalisationReferralJsonToFhirTranslator Translator =>
        new(MisSamples.Profile, new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    private static SemdTranslation ToSemd(Bundle bundle) => SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsd()
    {
        var result = Translator.Translate(MisSamples.Read(Sample));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = ToSemd(result.Documents.Single());
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("43", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.AreEqual(new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), semd.Facts!.Patient);
        Assert.AreEqual("43301", semd.Facts.DocumentIdExtension);
        Assert.AreEqual("23456789099", semd.Facts.Signers.Single().Snils);
        var xml = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(semd.Semd!));
        var v3 = System.Xml.Linq.XNamespace.Get("urn:hl7-org:v3");
        var act = xml.Descendants(v3 + "act").Single();
        Assert.AreEqual("13", (string?)act.Element(v3 + "code")!.Attribute("code"));
        Assert.AreEqual("3.10", (string?)act.Element(v3 + "code")!.Attribute("codeSystemVersion"));
        Assert.AreEqual("20250422", (string?)act.Element(v3 + "effectiveTime")!.Attribute("value"));
        var diagnosis = xml.Descendants(v3 + "observation").Single().Element(v3 + "value")!;
        Assert.AreEqual("I11.9", (string?)diagnosis.Attribute("code"));
        Assert.AreEqual("2.24", (string?)diagnosis.Attribute("codeSystemVersion"));
        StringAssert.Contains(xml.ToString(), "трёхкомпонентной");
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedTwice_ThenBundlesAreIdentical()
    {
        var first = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());
        var second = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("documentNumber", null, "MIS-005", "$.documentNumber")]
    [DataRow("purpose", "rehab", "MIS-019", "$.purpose")]
    [DataRow("purpose", null, "MIS-005", "$.purpose")]
    [DataRow("target", null, "MIS-005", "$.target")]
    [DataRow("target.oid", "ГКБ 2", "MIS-019", "$.target.oid")]
    [DataRow("target.name", "", "MIS-005", "$.target.name")]
    [DataRow("plannedDate", "22.04.2025", "MIS-006", "$.plannedDate")]
    [DataRow("plannedDate", "2025-04-01", "MIS-007", "$.plannedDate")]
    [DataRow("diagnosis", null, "MIS-005", "$.diagnosis")]
    [DataRow("diagnosis.code", "гипертония", "MIS-019", "$.diagnosis.code")]
    [DataRow("justification", null, "MIS-005", "$.justification")]
    [DataRow("patient.snils", "112-233-445 96", "MIS-009", "$.patient.snils")]
    [DataRow("patient.gender", "m", "MIS-010", "$.patient.gender")]
    [DataRow("author.positionCode", "терапевт", "MIS-019", "$.author.positionCode")]
    [DataRow("organizationOid", "1.2.643.5.1.13.13.12.2.77.1", "MIS-012", "$.organizationOid")]
    [DataRow("target.extra", "x", "MIS-016", "$.target.extra")]
    [DataRow("extra", "x", "MIS-016", "$.extra")]
    public void GivenBadField_WhenTranslated_ThenFailsWithCodeAndJsonPath(string path, string? value, string code, string location)
    {
        var json = JsonNode.Parse(MisSamples.Read(Sample))!;
        var parts = path.Split('.');
        var parent = parts.Length == 1 ? json : json[parts[0]]!;
        if (value is null)
        {
            parent.AsObject().Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenUnknownIcdCodeOfValidShape_WhenTranslatedToSemd_ThenUnknownCodeAtConditionCode()
    {
        var json = JsonNode.Parse(MisSamples.Read(Sample))!;
        json["diagnosis"]!["code"] = "I11.8";
        var result = Translator.Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        var index = bundle.Entry.FindIndex(e => e.Resource is Condition);

        var semd = ToSemd(bundle);

        Assert.IsFalse(semd.Succeeded);
        Assert.IsTrue(semd.Problems.Any(p => p.Code == "TRN-011" && p.Location == $"Bundle.entry[{index}].resource.code"), string.Join("\n", semd.Problems));
    }

    [TestMethod]
    public void GivenTruncatedJson_WhenTranslated_ThenMalformedWithLineAndColumn()
    {
        var bytes = MisSamples.Read(Sample);

        var result = Translator.Translate(bytes.AsMemory(0, bytes.Length / 2));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        StringAssert.StartsWith(result.Problems.Single().Location, "line ");
    }

    [TestMethod]
    [DataRow("consultation", "1")]
    [DataRow("instrumentalStudy", "3")]
    public void GivenOtherPurposeWithoutPlannedDate_WhenTranslated_ThenStillSchemaValid(string purpose, string code)
    {
        var json = JsonNode.Parse(MisSamples.Read(Sample))!.AsObject();
        json["purpose"] = purpose;
        json.Remove("plannedDate");
        json["diagnosis"]!.AsObject().Remove("text");

        var result = Translator.Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = ToSemd(result.Documents.Single());
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("43", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var text = Encoding.UTF8.GetString(semd.Semd!);
        StringAssert.Contains(text, $"<code code=\"{code}\" codeSystem=\"1.2.643.5.1.13.13.99.2.726\"");
        Assert.DoesNotContain("<effectiveTime value=\"2025042", text);
    }
}
