using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class MseReferralChainTests
{
    private const string SampleFile = "Json/MseReferral-121-01.json";

    private static MseReferralFhirToSemdTranslator Semd => new(new NsiCatalog(RepositoryPaths.SharedData));

    private static MisReadResult<Bundle> Translate(byte[] json) => new MseReferralJsonToFhirTranslator(MisSamples.Profile, FixedTime.Spring2025).Translate(json);

    private static MisReadResult<Bundle> Translate(JsonNode json) => Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translate(MisSamples.Read(SampleFile));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        var semd = Semd.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("121", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis121-");
        try
        {
            var path = Path.Combine(folder.FullName, "121301.xml");
            File.WriteAllBytes(path, semd.Semd!);
            var report = SemdSchematron.Validate("121", path);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors) + "\n" + report.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Assert.AreEqual("121", semd.Facts!.Kind);
        Assert.AreEqual("121301", semd.Facts.DocumentIdExtension);
        Assert.AreEqual(new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), semd.Facts.Patient);
        Assert.AreEqual("23456789099", semd.Facts.Signers.Single().Snils);
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedTwice_ThenBundlesAreIdentical()
    {
        var first = MisSamples.ToJson(Translate(MisSamples.Read(SampleFile)).Documents.Single());
        var second = MisSamples.ToJson(Translate(MisSamples.Read(SampleFile)).Documents.Single());

        Assert.AreEqual(first, second);
        Assert.IsTrue(Guid.TryParse(Translate(MisSamples.Read(SampleFile)).Documents.Single().Id, out _));
    }

    [TestMethod]
    [DataRow("patient.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.patient.snils")]
    [DataRow("author.snils", "\"345-678-901 24\"", MisErrorCodes.InvalidSnils, "$.author.snils")]
    [DataRow("patient.gender", "\"m\"", MisErrorCodes.UnknownGender, "$.patient.gender")]
    [DataRow("patient.birthDate", "\"1975-02-30\"", MisErrorCodes.InvalidDate, "$.patient.birthDate")]
    [DataRow("commissionProtocol.date", "\"2025-03-30\"", MisErrorCodes.DateOutOfRange, "$.commissionProtocol.date")]
    [DataRow("diagnosis.icd10", "\"M058\"", MisErrorCodes.InvalidCode, "$.diagnosis.icd10")]
    [DataRow("bureau.ogrn", "\"10477\"", MisErrorCodes.InvalidCode, "$.bureau.ogrn")]
    [DataRow("purposes", "[]", MisErrorCodes.MissingValue, "$.purposes")]
    [DataRow("condition", "\"  \"", MisErrorCodes.MissingValue, "$.condition")]
    [DataRow("organizationOid", "\"1.2.643.5.1.13.13.12.2.77.1\"", MisErrorCodes.UnknownOrganization, "$.organizationOid")]
    [DataRow("vitals.height", "\"178\"", MisErrorCodes.InvalidStructure, "$.vitals.height")]
    [DataRow("patient.passportt", "{}", MisErrorCodes.InvalidStructure, "$.patient")]
    public void GivenBadValue_WhenTranslated_ThenProblemIsLocatedByJsonPath(string path, string value, string code, string location)
    {
        var root = JsonNode.Parse(MisSamples.Read(SampleFile))!;
        var parts = path.Split('.');
        var target = parts[..^1].Aggregate(root, (node, part) => node[part]!);
        target[parts[^1]] = JsonNode.Parse(value);

        var result = Translate(root);

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location!.StartsWith(location, StringComparison.Ordinal)), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("diagnosis")]
    [DataRow("consent")]
    [DataRow("commissionProtocol")]
    public void GivenMissingRequiredObject_WhenTranslated_ThenMissingValueAtItsPath(string property)
    {
        var root = JsonNode.Parse(MisSamples.Read(SampleFile))!.AsObject();
        root.Remove(property);

        var result = Translate(root);

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.MissingValue && p.Location == "$." + property), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenUnknownIcdCode_WhenChainedToSemd_ThenSemdTranslationNamesTheConditionCode()
    {
        var root = JsonNode.Parse(MisSamples.Read(SampleFile))!;
        root["diagnosis"]!["icd10"] = "M05.99";
        var bundle = Translate(root).Documents.Single();

        var semd = Semd.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

        Assert.IsFalse(semd.Succeeded);
        var index = bundle.Entry.FindIndex(e => e.Resource is Condition).ToString(CultureInfo.InvariantCulture);
        Assert.IsTrue(semd.Problems.Any(p => p.Code == TranslationErrorCodes.UnknownCode && p.Location == $"Bundle.entry[{index}].resource.code"), string.Join("\n", semd.Problems));
    }

    [TestMethod]
    public void GivenMalformedJson_WhenTranslated_ThenLineAndColumnAreGiven()
    {
        var result = Translate(Encoding.UTF8.GetBytes("{\n  \"documentNumber\": \"1\",,\n}"));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        Assert.StartsWith("line 2, column", result.Problems.Single().Location);
    }
}
