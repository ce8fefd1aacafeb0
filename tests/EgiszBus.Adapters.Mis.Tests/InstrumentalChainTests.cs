using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class InstrumentalChainTests
{
    private const string Sample = "Json/Instrumental-174-01.json";

    private static readonly Lazy<InstrumentalFhirToSemdTranslator> SemdLazy = new(() => new InstrumentalFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static InstrumentalJsonToFhirTranslator Translator => new(MisSamples.Profile, new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    private static SemdTranslation ToSemd(Bundle bundle) => SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(MisSamples.Read(Sample));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = ToSemd(result.Documents.Single());
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("174", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.AreEqual(new SemdPatientFacts("56789012343", "Петрова", "Елена", "Сергеевна", "1975-11-02", "2"), semd.Facts!.Patient);
        Assert.AreEqual("174301", semd.Facts.DocumentIdExtension);
        var folder = Directory.CreateTempSubdirectory("mis174-");
        try
        {
            var file = Path.Combine(folder.FullName, "174301.xml");
            File.WriteAllBytes(file, semd.Semd!);
            var report = SemdSchematron.Validate("174", file);
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
        var first = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());
        var second = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("documentNumber", null, "MIS-005", "$.documentNumber")]
    [DataRow("visitKind", "3", "MIS-019", "$.visitKind")]
    [DataRow("referralDiagnosis", "гипертония", "MIS-019", "$.referralDiagnosis")]
    [DataRow("study.code", "УЗИ", "MIS-019", "$.study.code")]
    [DataRow("study.start", "03.04.2025 11:00", "MIS-006", "$.study.start")]
    [DataRow("study.end", "2025-04-03T10:00", "MIS-007", "$.study.end")]
    [DataRow("conclusion", null, "MIS-005", "$.conclusion")]
    [DataRow("protocol", "", "MIS-005", "$.protocol")]
    [DataRow("patient.snils", "112-233-445 96", "MIS-009", "$.patient.snils")]
    [DataRow("patient.gender", "m", "MIS-010", "$.patient.gender")]
    [DataRow("author.positionCode", "врач", "MIS-019", "$.author.positionCode")]
    [DataRow("organizationOid", "1.2.643.5.1.13.13.12.2.77.1", "MIS-012", "$.organizationOid")]
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
    public void GivenTruncatedJson_WhenTranslated_ThenMalformedWithLineAndColumn()
    {
        var bytes = MisSamples.Read(Sample);

        var result = Translator.Translate(bytes.AsMemory(0, bytes.Length / 2));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        StringAssert.StartsWith(result.Problems.Single().Location, "line ");
    }

    [TestMethod]
    public void GivenNoReferralDiagnosisAndRecommendations_WhenTranslated_ThenStillSchemaValid()
    {
        var json = JsonNode.Parse(MisSamples.Read(Sample))!.AsObject();
        json.Remove("referralDiagnosis");
        json.Remove("recommendations");

        var result = Translator.Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = ToSemd(result.Documents.Single());
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("174", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        StringAssert.Contains(Encoding.UTF8.GetString(semd.Semd!), "code=\"838\"");
    }
}
