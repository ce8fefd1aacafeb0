using System.Text;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class SportsClearanceChainTests
{
    private const string Sample = "Json/SportsClearance-83-01.json";

    private static readonly Lazy<SportsClearanceFhirToSemdTranslator> SemdLazy = new(() => new SportsClearanceFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static SportsClearanceJsonToFhirTranslator Translator => new(MisSamples.Profile, new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(MisSamples.Read(Sample));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(result.Documents.Single())));
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.AreEqual(new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), semd.Facts!.Patient);
        Assert.AreEqual("83301", semd.Facts.DocumentIdExtension);
        var xml = Encoding.UTF8.GetString(semd.Semd!);
        StringAssert.Contains(xml, "<value xsi:type=\"ST\">Плавание</value>");
        StringAssert.Contains(xml, "value=\"20260520\"");
        StringAssert.Contains(xml, "extension=\"77013\"");
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("83", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis83-");
        try
        {
            var file = Path.Combine(folder.FullName, "83301.xml");
            File.WriteAllBytes(file, semd.Semd!);
            var report = SemdSchematron.Validate("83", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslated_ThenBundleHasTheShapeOfTheFhirSample()
    {
        var bundle = Translator.Translate(MisSamples.Read(Sample)).Documents.Single();
        var sample = new FhirJsonDeserializer().Deserialize<Bundle>(Encoding.UTF8.GetString(MisSamples.Read("Fhir/SportsClearance-83-01.json")));

        Assert.AreEqual(Fields(sample), Fields(bundle));
        CollectionAssert.IsSubsetOf(Types(sample), Types(bundle));
        var coverage = bundle.Entry.Select(e => e.Resource).OfType<Coverage>().Single();
        Assert.AreEqual("2020-01-15", coverage.Period?.Start);
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedTwice_ThenBundlesAreIdentical()
    {
        var first = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());
        var second = MisSamples.ToJson(Translator.Translate(MisSamples.Read(Sample)).Documents.Single());

        Assert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("documentDate", "2025-13-01T10:00", "MIS-006", "$.documentDate")]
    [DataRow("patient.snils", "112-233-445 96", "MIS-009", "$.patient.snils")]
    [DataRow("patient.omsPolicy", null, "MIS-005", "$.patient.omsPolicy")]
    [DataRow("patient.omsPolicy", "77-51", "MIS-019", "$.patient.omsPolicy")]
    [DataRow("patient.gender", "M", "MIS-010", "$.patient.gender")]
    [DataRow("patient.birthDate", "1992-02-30", "MIS-006", "$.patient.birthDate")]
    [DataRow("patient.residence", "city", "MIS-016", "$.patient.residence")]
    [DataRow("author.given", null, "MIS-005", "$.author.given")]
    [DataRow("author.snils", "234-567-890", "MIS-009", "$.author.snils")]
    [DataRow("examinationEnd", "2025-05-20T08:00", "MIS-007", "$.examinationEnd")]
    [DataRow("conclusion.code", null, "MIS-005", "$.conclusion.code")]
    [DataRow("conclusion", "допущен", "MIS-016", "$.conclusion")]
    [DataRow("validUntil", "20.05.2026", "MIS-006", "$.validUntil")]
    [DataRow("validUntil", "2025-05-20", "MIS-007", "$.validUntil")]
    [DataRow("validUntil", "2035-05-20", "MIS-007", "$.validUntil")]
    [DataRow("sports", "", "MIS-005", "$.sports")]
    [DataRow("insurance", null, "MIS-005", "$.insurance")]
    [DataRow("insurance.insurerCode", "СМО-13", "MIS-019", "$.insurance.insurerCode")]
    [DataRow("insurance.policyStart", "2025-06-01", "MIS-007", "$.insurance.policyStart")]
    [DataRow("insurance.insurerAddress.postalCode", "1010", "MIS-019", "$.insurance.insurerAddress.postalCode")]
    [DataRow("insurance.insurerAddress.aoGuid", "not-a-guid", "MIS-019", "$.insurance.insurerAddress.aoGuid")]
    [DataRow("insurance.insurerAddress.regionCode", null, "MIS-005", "$.insurance.insurerAddress.regionCode")]
    [DataRow("note", "x", "MIS-016", "$.note")]
    public void GivenBadField_WhenTranslated_ThenFailsWithCodeAndJsonPath(string path, string? value, string code, string location)
    {
        var result = Translator.Translate(DispanserizationJsonEdit.Apply(MisSamples.Read(Sample), path, value));

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenTruncatedJson_WhenTranslated_ThenMalformedWithLineAndColumn()
    {
        var bytes = MisSamples.Read(Sample);

        var result = Translator.Translate(bytes.AsMemory(0, bytes.Length / 3));

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        StringAssert.Matches(result.Problems.Single().Location, new System.Text.RegularExpressions.Regex(@"^line \d+, column \d+$"));
    }

    [TestMethod]
    public void GivenOversizedInput_WhenTranslated_ThenTooLarge()
    {
        var result = Translator.Translate(new byte[SportsClearanceJsonReader.MaxInputBytes + 1]);

        Assert.AreEqual(MisErrorCodes.InputTooLarge, result.Problems.Single().Code);
    }

    private static string Fields(Bundle bundle)
    {
        var composition = (Composition)bundle.Entry[0].Resource!;
        var byUrl = bundle.Entry.ToDictionary(e => e.FullUrl!, e => e.Resource!);
        return string.Join(';', composition.Section.Select(s => s.Code!.Coding[0].Code + ":" + string.Join(',', s.Entry.Select(r => ((Observation)byUrl[r.Reference!]).Code.Coding[0].Code))));
    }

    private static string[] Types(Bundle bundle) => bundle.Entry.Select(e => e.Resource!.TypeName).Distinct().Order(StringComparer.Ordinal).ToArray();
}
