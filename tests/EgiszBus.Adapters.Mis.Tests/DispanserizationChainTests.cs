using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class DispanserizationChainTests
{
    private const string Sample = "Json/Dispanserization-122-01.json";

    private static readonly Lazy<DispanserizationFhirToSemdTranslator> SemdLazy = new(() => new DispanserizationFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static DispanserizationJsonToFhirTranslator Translator => new(MisSamples.Profile, new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)));

    [TestMethod]
    public void GivenJsonSample_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(MisSamples.Read(Sample));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var semd = ToSemd(result.Documents.Single());
        Assert.AreEqual(new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), semd.Facts!.Patient);
        Assert.AreEqual("122301", semd.Facts.DocumentIdExtension);
        var xml = Encoding.UTF8.GetString(semd.Semd!);
        StringAssert.Contains(xml, "code=\"Z00.0\"");
        StringAssert.Contains(xml, "code=\"E66.0\"");
        StringAssert.Contains(xml, "residentCode");
        AssertSchematronValid(semd.Semd!, "122301");
    }

    [TestMethod]
    public void GivenMinimalDocument_WhenTranslatedToFhirAndSemd_ThenValidByXsdAndOfficialSchematron()
    {
        var json = JsonNode.Parse(MisSamples.Read(Sample))!.AsObject();
        json.Remove("caseNumber");
        json.Remove("summary");
        json["serviceEvent"] = "10";
        json["patient"]!.AsObject().Remove("omsPolicy");
        json["patient"]!.AsObject().Remove("patronymic");
        json["patient"]!["residence"] = "village";
        json["diagnoses"] = new JsonArray(new JsonObject { ["icd10"] = "Z00.0" });

        var result = Translator.Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var encounter = result.Documents.Single().Entry.Select(e => e.Resource).OfType<Encounter>().Single();
        Assert.AreEqual("122301", encounter.Identifier[0].Value, "caseNumber defaults to the document number");
        AssertSchematronValid(ToSemd(result.Documents.Single()).Semd!, "122301-min");
    }

    [TestMethod]
    public void GivenJsonSample_WhenTranslated_ThenBundleHasTheShapeOfTheFhirSample()
    {
        var bundle = Translator.Translate(MisSamples.Read(Sample)).Documents.Single();
        var sample = new FhirJsonDeserializer().Deserialize<Bundle>(Encoding.UTF8.GetString(MisSamples.Read("Fhir/Dispanserization-122-01.json")));

        // The JSON sample carries two diagnoses, the FHIR sample one; the MIS format adds the department (PractitionerRole.organization).
        var ours = Shape(bundle);
        var theirs = Shape(sample);
        CollectionAssert.AreEqual(new[] { "MEDEXAMINFO:6020,6021", "DGN:Condition,Condition" }, ours.Sections);
        CollectionAssert.AreEqual(new[] { "MEDEXAMINFO:6020,6021", "DGN:Condition" }, theirs.Sections);
        CollectionAssert.IsSubsetOf(theirs.Types, ours.Types);
        Assert.AreEqual("122", ((Composition)bundle.Entry[0].Resource!).Type.Coding[0].Code);
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
    [DataRow("documentDate", "2025-02-30T10:00", "MIS-006", "$.documentDate")]
    [DataRow("documentDate", "2030-01-01T10:00", "MIS-007", "$.documentDate")]
    [DataRow("organizationOid", "1.2.643.5.1.13.13.12.2.77.1", "MIS-012", "$.organizationOid")]
    [DataRow("patient.snils", "112-233-445 96", "MIS-009", "$.patient.snils")]
    [DataRow("patient.snils", null, "MIS-005", "$.patient.snils")]
    [DataRow("patient.family", "  ", "MIS-005", "$.patient.family")]
    [DataRow("patient.birthDate", "15.03.1980", "MIS-006", "$.patient.birthDate")]
    [DataRow("patient.birthDate", "2025-05-01", "MIS-007", "$.patient.birthDate")]
    [DataRow("patient.gender", "unknown", "MIS-010", "$.patient.gender")]
    [DataRow("patient.residence", "town", "MIS-019", "$.patient.residence")]
    [DataRow("patient.residence", null, "MIS-005", "$.patient.residence")]
    [DataRow("author.snils", "112-233-445 96", "MIS-009", "$.author.snils")]
    [DataRow("author.positionCode", "врач", "MIS-019", "$.author.positionCode")]
    [DataRow("medicalCardNumber", null, "MIS-005", "$.medicalCardNumber")]
    [DataRow("serviceEvent", "50", "MIS-019", "$.serviceEvent")]
    [DataRow("examinationStart", "2025-04-15 09:00", "MIS-006", "$.examinationStart")]
    [DataRow("examinationEnd", "2025-04-15T08:00", "MIS-007", "$.examinationEnd")]
    [DataRow("examinationEnd", "2025-04-16T08:00", "MIS-007", "$.examinationEnd")]
    [DataRow("dispensaryStatus", null, "MIS-005", "$.dispensaryStatus")]
    [DataRow("dispensaryStatus.display", null, "MIS-005", "$.dispensaryStatus.display")]
    [DataRow("healthGroup.code", "II", "MIS-019", "$.healthGroup.code")]
    [DataRow("healthGroup.version", "последняя", "MIS-019", "$.healthGroup.version")]
    [DataRow("healthGroup", "2", "MIS-016", "$.healthGroup")]
    [DataRow("diagnoses", "[]", "MIS-017", "$.diagnoses")]
    [DataRow("diagnoses", null, "MIS-005", "$.diagnoses")]
    [DataRow("diagnoses[1].icd10", "ожирение", "MIS-019", "$.diagnoses[1].icd10")]
    [DataRow("diagnoses[0].icd10", null, "MIS-005", "$.diagnoses[0].icd10")]
    [DataRow("diagnoses[0].stage", "1", "MIS-016", "$.diagnoses[0].stage")]
    [DataRow("extra", "x", "MIS-016", "$.extra")]
    public void GivenBadField_WhenTranslated_ThenFailsWithCodeAndJsonPath(string path, string? value, string code, string location)
    {
        var result = Translator.Translate(DispanserizationJsonEdit.Apply(MisSamples.Read(Sample), path, value));

        Assert.IsFalse(result.Succeeded);
        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow(2, "MIS-015")]
    [DataRow(0, "MIS-001")]
    public void GivenTruncatedOrEmptyJson_WhenTranslated_ThenSingleProblemWithLocation(int divisor, string code)
    {
        var bytes = MisSamples.Read(Sample);

        var result = Translator.Translate(divisor == 0 ? "  \n"u8.ToArray() : bytes.AsMemory(0, bytes.Length / divisor));

        var problem = result.Problems.Single();
        Assert.AreEqual(code, problem.Code);
        Assert.IsTrue(problem.Location is "$" || problem.Location!.StartsWith("line ", StringComparison.Ordinal), problem.Location);
    }

    [TestMethod]
    public void GivenMalformedJsonOnLine3_WhenTranslated_ThenLocationNamesLine3()
    {
        var result = Translator.Translate("{\n  \"documentNumber\": \"1\",\n  \"documentDate\": 2025-04-15\n}"u8.ToArray());

        Assert.AreEqual(MisErrorCodes.MalformedInput, result.Problems.Single().Code);
        StringAssert.StartsWith(result.Problems.Single().Location, "line 3, column ");
    }

    private static SemdTranslation ToSemd(Bundle bundle)
    {
        var semd = SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        return semd;
    }

    private static void AssertSchematronValid(byte[] semd, string name)
    {
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("122", semd);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("mis122-");
        try
        {
            var file = Path.Combine(folder.FullName, name + ".xml");
            File.WriteAllBytes(file, semd);
            var report = SemdSchematron.Validate("122", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors) + "\n" + report.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (string[] Types, string[] Sections) Shape(Bundle bundle)
    {
        var composition = (Composition)bundle.Entry[0].Resource!;
        var byUrl = bundle.Entry.ToDictionary(e => e.FullUrl!, e => e.Resource!);
        var sections = composition.Section.Select(s => s.Code!.Coding[0].Code + ":" + string.Join(',', s.Entry.Select(r => byUrl[r.Reference!] switch
        {
            Observation o => o.Code.Coding[0].Code,
            var other => other.TypeName,
        }))).ToArray();
        return (bundle.Entry.Select(e => e.Resource!.TypeName).Distinct().Order(StringComparer.Ordinal).ToArray(), sections);
    }
}
