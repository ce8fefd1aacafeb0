using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>
/// MIS JSON discharge summary (Json/DischargeSummary-147-01.json) → FHIR → SEMD 147. The shared <c>semd/147</c> folder holds kind
/// 142's rules, so the SEMD is checked by the 119 XSD (as the Semd adapter's tests do) and compared with the SEMD made from the
/// FHIR sample <c>Fhir/DischargeSummary-147-01.json</c> (whose golden file was measured with a transcription of the official 147
/// rules) instead of running the schematron.
/// </summary>
[TestClass]
public sealed class DischargeSummaryChainTests
{
    private const string SampleFile = "Json/DischargeSummary-147-01.json";
    private static readonly TimeProvider Clock = new FixedTime(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly Lazy<DischargeSummaryFhirToSemdTranslator> Semd = new(() => new DischargeSummaryFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static MisReadResult<Bundle> Translate(byte[] json) => new DischargeSummaryJsonToFhirTranslator(MisSamples.Profile, Clock).Translate(json);

    private static SemdTranslation ToSemd(Bundle bundle) => Semd.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));

    private static Bundle SampleBundle()
    {
        var result = Translate(MisSamples.Read(SampleFile));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        return result.Documents.Single();
    }

    /// <summary>The sample with one change: <paramref name="path"/> (dot-separated; a number indexes an array) set to <paramref name="json"/>, or removed when null.</summary>
    private static byte[] Changed(string path, string? json)
    {
        var root = JsonNode.Parse(MisSamples.Read(SampleFile))!;
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(root, (node, name) => int.TryParse(name, out var i) ? node[i]! : node[name]!);
        if (json is null)
        {
            parent.AsObject().Remove(names[^1]);
        }
        else if (int.TryParse(names[^1], out var index))
        {
            parent[index] = JsonNode.Parse(json);
        }
        else
        {
            parent[names[^1]] = JsonNode.Parse(json);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedToFhirAndSemd_ThenXsdReportsZeroErrors()
    {
        var semd = ToSemd(SampleBundle());

        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("119", semd.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedToSemd_ThenSemdMatchesTheOneFromTheFhirSample()
    {
        var fromFhir = Semd.Value.Translate(MisSamples.Read("Fhir/DischargeSummary-147-01.json"));
        var fromJson = ToSemd(SampleBundle());
        Assert.IsTrue(fromFhir.Succeeded, string.Join("\n", fromFhir.Problems));
        Assert.IsTrue(fromJson.Succeeded, string.Join("\n", fromJson.Problems));
        var expected = XDocument.Parse(Encoding.UTF8.GetString(fromFhir.Semd!));
        var actual = XDocument.Parse(Encoding.UTF8.GetString(fromJson.Semd!));

        // Same elements and attributes in the same order (values aside: ids are name-based, the author's position differs).
        CollectionAssert.AreEqual(Skeleton(expected), Skeleton(actual));
        // Same coded values, apart from the author's position (the fixed sample doctor is 35, the FHIR sample's 109).
        CollectionAssert.AreEquivalent(Codes(expected), Codes(actual));
        // Same section titles and the same narrative (the sample JSON carries the FHIR sample's texts), DGN aside.
        CollectionAssert.AreEqual(Sections(expected).Where(s => !s.StartsWith("DGN", StringComparison.Ordinal)).ToList(),
            Sections(actual).Where(s => !s.StartsWith("DGN", StringComparison.Ordinal)).ToList());
        Assert.AreEqual(Value(expected, "effectiveTime"), Value(actual, "effectiveTime"));
        Assert.AreEqual(fromFhir.Facts!.DocumentIdExtension, fromJson.Facts!.DocumentIdExtension);
        Assert.AreEqual(fromFhir.Facts.Patient, fromJson.Facts.Patient);
        Assert.AreEqual("147", fromJson.Facts.Kind);
    }

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenBundleHasTheShapeOfTheFhirSample()
    {
        var expected = System.Text.Json.JsonSerializer.Deserialize<Bundle>(MisSamples.Read("Fhir/DischargeSummary-147-01.json"),
            new System.Text.Json.JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
        var actual = SampleBundle();

        CollectionAssert.AreEqual(expected.Entry.Select(e => e.Resource!.TypeName).ToList(), actual.Entry.Select(e => e.Resource!.TypeName).ToList());
        CollectionAssert.AreEqual(SectionCodes(expected), SectionCodes(actual));
        var composition = (Composition)actual.Entry[0].Resource!;
        CollectionAssert.AreEqual(new[] { "147", "1" }, composition.Type.Coding.Select(c => c.Code).ToArray());
        Assert.AreEqual("13", composition.Event[0].Code[0].Coding[0].Code);
        Assert.AreEqual("2025-04-18T12:00:00+03:00", composition.Event[0].Period!.End);
        var encounter = (Encounter)actual.Entry.Single(e => e.FullUrl == composition.Encounter!.Reference).Resource!;
        Assert.AreEqual("urn:oid:1.2.643.5.1.13.13.12.2.77.7973.100.1.1.16", encounter.Identifier[1].System);
        Assert.AreEqual("2", encounter.Type[0].Coding[0].Code);
    }

    [TestMethod]
    public void GivenSameJsonTwice_WhenTranslated_ThenBundleJsonIsIdentical()
    {
        var bytes = MisSamples.Read(SampleFile);
        var first = MisSamples.ToJson(Translate(bytes).Documents.Single());
        var profile = MisProfile.Load(Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json"));
        var second = MisSamples.ToJson(new DischargeSummaryJsonToFhirTranslator(profile, Clock).Translate(bytes.ToArray()).Documents.Single());

        Assert.AreEqual(first, second);
        Assert.AreNotEqual(first, MisSamples.ToJson(Translate(Changed("documentNumber", "\"147002\"")).Documents.Single()));
    }

    [TestMethod]
    public void GivenTwoDiagnosesAndMultilineText_WhenTranslated_ThenEachBecomesAnEntryAndSemdIsXsdValid()
    {
        var json = JsonNode.Parse(MisSamples.Read(SampleFile))!;
        json["diagnoses"]!.AsArray().Add(JsonNode.Parse("{\"icd10\": \"I10\", \"text\": \"Гипертоническая болезнь <без поражения> & сердца\"}"));
        json["stay"] = "Первая строка.\n\nВторая строка.";

        var result = Translate(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var bundle = result.Documents.Single();
        Assert.HasCount(3, bundle.Entry.Select(e => e.Resource).OfType<Condition>().ToList());
        var hosp = ((Composition)bundle.Entry[0].Resource!).Section.Single(s => s.Code!.Coding[0].Code == "HOSP");
        var route = hosp.Section.Single(s => s.Code!.Coding[0].Code == "PATIENTROUTE");
        Assert.AreEqual("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Первая строка.</p><p>Вторая строка.</p></div>", route.Text!.Div);
        var semd = ToSemd(bundle);
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.IsEmpty(new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("119", semd.Semd!));
        var xml = XDocument.Parse(Encoding.UTF8.GetString(semd.Semd!));
        var icd = xml.Descendants().Where(e => e.Name.LocalName == "value" && (string?)e.Attribute("codeSystem") == "1.2.643.5.1.13.13.11.1005")
            .Select(e => (string?)e.Attribute("code")).ToList();
        // The admission diagnosis (STATEADM/DGN), then the final ones (STATEDIS/DGN).
        CollectionAssert.AreEqual(new[] { "J18.9", "J18.9", "I10" }, icd);
    }

    [TestMethod]
    [DataRow("documentNumber", null, MisErrorCodes.MissingValue, "$.documentNumber")]
    [DataRow("hospitalization", null, MisErrorCodes.MissingValue, "$.hospitalization")]
    [DataRow("hospitalization.cardNumber", null, MisErrorCodes.MissingValue, "$.hospitalization.cardNumber")]
    [DataRow("hospitalization.serviceForm", null, MisErrorCodes.MissingValue, "$.hospitalization.serviceForm")]
    [DataRow("hospitalization.serviceForm", "\"4\"", MisErrorCodes.InvalidCode, "$.hospitalization.serviceForm")]
    [DataRow("insurer", null, MisErrorCodes.MissingValue, "$.insurer")]
    [DataRow("disposition", null, MisErrorCodes.MissingValue, "$.disposition")]
    [DataRow("disposition.version", null, MisErrorCodes.MissingValue, "$.disposition.version")]
    [DataRow("insurer.phone", null, MisErrorCodes.MissingValue, "$.insurer.phone")]
    [DataRow("stay", null, MisErrorCodes.MissingValue, "$.stay")]
    [DataRow("recommendations", "\"\"", MisErrorCodes.MissingValue, "$.recommendations")]
    [DataRow("diagnoses", null, MisErrorCodes.MissingValue, "$.diagnoses")]
    [DataRow("diagnoses.0.icd10", null, MisErrorCodes.MissingValue, "$.diagnoses[0].icd10")]
    [DataRow("diagnoses.0.text", null, MisErrorCodes.MissingValue, "$.diagnoses[0].text")]
    [DataRow("diagnoses", "[]", DischargeSummaryMisErrorCodes.NoDiagnoses, "$.diagnoses")]
    [DataRow("diagnoses", "{}", MisErrorCodes.InvalidStructure, "$.diagnoses")]
    [DataRow("diagnoses.0", "\"J18.9\"", MisErrorCodes.InvalidStructure, "$.diagnoses[0]")]
    [DataRow("diagnoses.0.icd10", "\"J189\"", MisErrorCodes.InvalidCode, "$.diagnoses[0].icd10")]
    [DataRow("patient.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.patient.snils")]
    [DataRow("author.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.author.snils")]
    [DataRow("documentDate", "\"2025-04-31T14:30\"", MisErrorCodes.InvalidDate, "$.documentDate")]
    [DataRow("hospitalization.admitted", "\"08.04.2025 09:15\"", MisErrorCodes.InvalidDate, "$.hospitalization.admitted")]
    [DataRow("documentDate", "\"2025-06-03T10:00\"", MisErrorCodes.DateOutOfRange, "$.documentDate")]
    [DataRow("hospitalization.discharged", "\"2025-04-18T15:00\"", MisErrorCodes.DateOutOfRange, "$.hospitalization.discharged")]
    [DataRow("hospitalization.admitted", "\"1979-01-01\"", MisErrorCodes.DateOutOfRange, "$.hospitalization.admitted")]
    [DataRow("hospitalization.discharged", "\"2025-04-07T12:00\"", ConsultationMisErrorCodes.WrongTimeOrder, "$.hospitalization.discharged")]
    [DataRow("patient.gender", "\"m\"", MisErrorCodes.UnknownGender, "$.patient.gender")]
    [DataRow("organizationOid", "\"1.2.643.5.1.13.13.12.2.77.1\"", MisErrorCodes.UnknownOrganization, "$.organizationOid")]
    [DataRow("patient.address.region", "\"Москва\"", MisErrorCodes.InvalidCode, "$.patient.address.region")]
    [DataRow("hospitalization.ward", "\"3\"", MisErrorCodes.InvalidStructure, "$.hospitalization.ward")]
    [DataRow("summary", "[\"a\"]", MisErrorCodes.InvalidStructure, "$.summary")]
    [DataRow("diseaseHistory", null, MisErrorCodes.MissingValue, "$.diseaseHistory")]
    [DataRow("lifeHistory", null, MisErrorCodes.MissingValue, "$.lifeHistory")]
    [DataRow("complaints", null, MisErrorCodes.MissingValue, "$.complaints")]
    [DataRow("reason.version", null, MisErrorCodes.MissingValue, "$.reason.version")]
    [DataRow("channel", null, MisErrorCodes.MissingValue, "$.channel")]
    [DataRow("repeat", "\"3\"", MisErrorCodes.InvalidCode, "$.repeat")]
    [DataRow("admissionSign", "\"да\"", MisErrorCodes.InvalidStructure, "$.admissionSign")]
    [DataRow("admissionSeverity", "\"7\"", MisErrorCodes.InvalidCode, "$.admissionSeverity")]
    [DataRow("admissionDiagnoses", "[]", DischargeSummaryMisErrorCodes.NoDiagnoses, "$.admissionDiagnoses")]
    [DataRow("departments", "[]", MisErrorCodes.MissingValue, "$.departments")]
    [DataRow("departments.0.bedProfile", null, MisErrorCodes.MissingValue, "$.departments[0].bedProfile")]
    [DataRow("departments.0.oid", null, MisErrorCodes.MissingValue, "$.departments[0].oid")]
    [DataRow("departments.0.discharged", "\"2025-04-07T12:00\"", ConsultationMisErrorCodes.WrongTimeOrder, "$.departments[0].discharged")]
    [DataRow("result", null, MisErrorCodes.MissingValue, "$.result")]
    [DataRow("suspectedCancer", null, MisErrorCodes.MissingValue, "$.suspectedCancer")]
    [DataRow("services", null, MisErrorCodes.MissingValue, "$.services")]
    [DataRow("services.0.code", null, MisErrorCodes.MissingValue, "$.services[0].code")]
    [DataRow("services.0.performed", "\"08.04.2025\"", MisErrorCodes.InvalidDate, "$.services[0].performed")]
    public void GivenBadField_WhenTranslated_ThenProblemHasCodeAndJsonPath(string path, string? json, string code, string location)
    {
        var result = Translate(Changed(path, json));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
        Assert.IsTrue(result.Problems.All(p => p.DocumentNumber is null || p.DocumentNumber == "147001"));
    }

    [TestMethod]
    public void GivenMalformedJson_WhenTranslated_ThenProblemNamesLineAndColumn()
    {
        var text = Encoding.UTF8.GetString(MisSamples.Read(SampleFile)).Replace("\"discharged\": \"2025-04-18T12:00\",", "\"discharged\": 2025-04-18,", StringComparison.Ordinal);

        var result = Translate(Encoding.UTF8.GetBytes(text));

        var problem = result.Problems.Single();
        Assert.AreEqual(MisErrorCodes.MalformedInput, problem.Code);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("\"discharged\"", StringComparison.Ordinal)) + 1;
        StringAssert.StartsWith(problem.Location, $"line {line}, column ");
    }

    [TestMethod]
    public void GivenInputLargerThanLimit_WhenTranslated_ThenMis018()
    {
        var result = Translate(new byte[DischargeSummaryJsonReader.MaxInputBytes + 1]);

        Assert.AreEqual(MisErrorCodes.InputTooLarge, result.Problems.Single().Code);
    }

    private static List<string> Skeleton(XDocument document) =>
        document.Descendants().Select(e => ElementPath(e) + "[" + string.Join(",", e.Attributes().Select(a => a.Name.ToString())) + "]").ToList();

    private static string ElementPath(XElement element) => string.Join("/", element.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));

    private static List<string> Codes(XDocument document) =>
        document.Descendants()
            .Where(e => e.Attribute("code") is not null && e.Attribute("codeSystem") is { } s && s.Value != "1.2.643.5.1.13.13.11.1002")
            .Select(e => $"{e.Name.LocalName} {e.Attribute("codeSystem")!.Value} {e.Attribute("code")!.Value} {e.Attribute("displayName")?.Value}")
            .ToList();

    private static List<string> Sections(XDocument document) =>
        document.Descendants().Where(e => e.Name.LocalName == "section")
            .Select(s => string.Join(" | ",
                s.Elements().First(e => e.Name.LocalName == "code").Attribute("code")!.Value,
                s.Elements().First(e => e.Name.LocalName == "title").Value,
                s.Elements().First(e => e.Name.LocalName == "text").Value))
            .ToList();

    private static string? Value(XDocument document, string name) =>
        document.Root!.Elements().First(e => e.Name.LocalName == name).Attribute("value")?.Value;

    private static List<string> SectionCodes(Bundle bundle) =>
        ((Composition)bundle.Entry[0].Resource!).Section.Select(s => s.Code!.Coding[0].Code + "/" + s.Entry.Count).ToList();
}
