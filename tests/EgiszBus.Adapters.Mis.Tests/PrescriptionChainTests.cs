using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class PrescriptionChainTests
{
    private static readonly Lazy<PrescriptionFhirToSemdTranslator> SemdLazy = new(() => new PrescriptionFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static PrescriptionJsonToFhirTranslator Translator => new(MisSamples.Profile);

    private static byte[] Sample => MisSamples.Read("Json/Prescription-148-01.json");

    private static SemdTranslation ToSemd(Hl7.Fhir.Model.Bundle bundle) => SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(Sample);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        Assert.AreEqual("148301", bundle.Identifier!.Value);
        var semd = ToSemd(bundle);
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.AreEqual("148", semd.Facts!.Kind);
        Assert.AreEqual("56789012343", semd.Facts.Patient.Snils);
        CollectionAssert.AreEqual(new[] { "34567890123" }, semd.Facts.Signers.Select(s => s.Snils).ToArray());
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("148", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis148-");
        try
        {
            var file = Path.Combine(folder.FullName, "Prescription-148-01.xml");
            File.WriteAllBytes(file, semd.Semd!);
            var report = SemdSchematron.Validate("148", file);
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
        var second = MisSamples.ToJson(new PrescriptionJsonToFhirTranslator(MisSamples.Profile).Translate(Sample).Documents.Single());

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("$.patient.snils", "112-233-445 96", "MIS-009")]
    [DataRow("$.patient.gender", "x", "MIS-010")]
    [DataRow("$.organizationOid", "1.2.643.5.1.13.13.12.2.77.1", "MIS-012")]
    [DataRow("$.validUntil", "31.12.2025", "MIS-006")]
    [DataRow("$.items[0].end", "2025-03-01", "MIS-007")]
    [DataRow("$.items[0].quantity", null, "MIS-005")]
    [DataRow("$.items[0].dose", "-1", "MIS-008")]
    [DataRow("$.items[0].periodUnit", "month", "MIS-019")]
    [DataRow("$.items[0].medication", null, "MIS-005")]
    [DataRow("$.items", "[]", "MIS-017")]
    public void GivenBadField_WhenRead_ThenFailsWithCodeAndJsonPath(string path, string? value, string code)
    {
        var document = JsonNode.Parse(Sample)!;
        var parts = path[2..].Replace("[0]", ".0", StringComparison.Ordinal).Split('.');
        JsonNode parent = document;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var i) ? parent[i]! : parent[part]!;
        }

        var name = parts[^1];
        if (value is null)
        {
            parent.AsObject().Remove(name);
        }
        else
        {
            parent[name] = value.StartsWith('[') || value.StartsWith('-') ? JsonNode.Parse(value) : JsonValue.Create(value);
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == path), string.Join("\n", result.Problems));
        Assert.IsFalse(result.Problems.Any(p => p.Message.Contains("Петрова", StringComparison.Ordinal) || p.Message.Contains("56789012343", StringComparison.Ordinal)));
    }
}
