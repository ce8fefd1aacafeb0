using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class PreferentialPrescriptionChainTests
{
    private static readonly Lazy<PreferentialPrescriptionFhirToSemdTranslator> SemdLazy =
        new(() => new PreferentialPrescriptionFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static PreferentialPrescriptionJsonToFhirTranslator Translator => new(MisSamples.Profile);

    private static byte[] Sample => MisSamples.Read("Json/PreferentialPrescription-141-01.json");

    private static SemdTranslation ToSemd(Hl7.Fhir.Model.Bundle bundle) => SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    private static byte[] Edit(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Sample)!.AsObject();
        change(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(Sample);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        Assert.AreEqual("141301", bundle.Identifier!.Value);
        var semd = ToSemd(bundle);
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.AreEqual("141", semd.Facts!.Kind);
        Assert.AreEqual("67890123438", semd.Facts.Patient.Snils);
        CollectionAssert.AreEqual(new[] { "23456789099" }, semd.Facts.Signers.Select(s => s.Snils).ToArray());
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("141", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis141-");
        try
        {
            var file = Path.Combine(folder.FullName, "PreferentialPrescription-141-01.xml");
            File.WriteAllBytes(file, semd.Semd!);
            var report = SemdSchematron.Validate("141", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedTwice_ThenBundlesAreIdentical()
    {
        var first = MisSamples.ToJson(Translator.Translate(Sample).Documents.Single());
        var second = MisSamples.ToJson(new PreferentialPrescriptionJsonToFhirTranslator(MisSamples.Profile).Translate(Sample).Documents.Single());

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("series", "MIS-005", "$.series")]
    [DataRow("number", "MIS-005", "$.number")]
    [DataRow("electronic", "MIS-005", "$.electronic")]
    [DataRow("diagnosisCode", "MIS-005", "$.diagnosisCode")]
    [DataRow("benefit", "MIS-005", "$.benefit")]
    [DataRow("financing", "MIS-005", "$.financing")]
    [DataRow("paymentPercent", "MIS-005", "$.paymentPercent")]
    [DataRow("caseId", "MIS-005", "$.caseId")]
    [DataRow("cardId", "MIS-005", "$.cardId")]
    public void GivenMissingField_WhenTranslated_ThenFailsWithCodeAndJsonPath(string field, string code, string path)
    {
        var result = Translator.Translate(Edit(root => root.Remove(field)));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == path), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("$.patient.snils", "MIS-009")]
    [DataRow("$.paymentPercent", "MIS-008")]
    [DataRow("$.benefit.version", "MIS-005")]
    [DataRow("$.items", "MIS-390")]
    public void GivenBadValue_WhenTranslated_ThenFailsWithCodeAndJsonPath(string path, string code)
    {
        var bytes = Edit(root =>
        {
            switch (path)
            {
                case "$.patient.snils": root["patient"]!["snils"] = "112-233-445 96"; break;
                case "$.paymentPercent": root["paymentPercent"] = 150; break;
                case "$.benefit.version": root["benefit"]!.AsObject().Remove("version"); break;
                case "$.items": root["items"]!.AsArray().Add(root["items"]![0]!.DeepClone()); break;
            }
        });

        var result = Translator.Translate(bytes);

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == path), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenUnknownDiagnosis_WhenTranslatedToSemd_ThenFailsWithUnknownCode()
    {
        var bundle = Translator.Translate(Edit(root => root["diagnosisCode"] = "X99.99")).Documents.Single();

        var semd = ToSemd(bundle);

        Assert.IsFalse(semd.Succeeded);
        Assert.IsTrue(semd.Problems.Any(p => p.Code == "TRN-011" && p.Location!.EndsWith(".code", StringComparison.Ordinal)), string.Join("\n", semd.Problems));
    }
}
