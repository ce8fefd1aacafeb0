using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>
/// The tests every FHIR → SEMD kind must pass. Each kind is a small <c>[TestClass]</c> subclass that names its translator, kind,
/// samples, golden file, schema folder, official-rules check and expected facts, and keeps only its kind-specific tests
/// (MSTest runs these inherited test methods once per subclass).
/// </summary>
/// <remarks>
/// Golden files: to regenerate after an intended change of the rendering, run
/// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter "FullyQualifiedName~{Kind class}&amp;Name=GivenSample_WhenTranslated_ThenEqualsGoldenFile"</c>
/// (without the class part every kind's golden file is rewritten), review the diff under <c>Golden/</c> and rerun without the variable.
/// </remarks>
public abstract class FhirToSemdKindContract
{
    /// <summary>The MIS root + <c>.51</c>: the root of every sample's document id.</summary>
    protected const string DocumentIdRoot = "1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51";

    /// <summary>FRMO OID of the sample organisation (the custodian).</summary>
    protected const string OrganizationOid = "1.2.643.5.1.13.13.12.2.77.7973";

    /// <summary>The identifier system of SNILS in FHIR.</summary>
    protected const string SnilsSystem = "urn:oid:1.2.643.100.3";

    private static readonly Dictionary<string, string> DoctorFamilies = new(StringComparer.Ordinal)
    {
        ["23456789099"] = "Сидорова",
        ["34567890123"] = "Кузнецов",
    };

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1520 code of the kind (e.g. "119").</summary>
    protected abstract string Kind { get; }

    /// <summary>The kind's sample names under <c>Samples/Documents/Fhir</c> without <c>.json</c>; the first is the main sample.</summary>
    protected abstract IReadOnlyList<string> SampleNames { get; }

    /// <summary>What the facts sample's facts and header must say.</summary>
    protected abstract ExpectedKindFacts ExpectedFacts { get; }

    /// <summary>The golden file under <c>Golden/</c> the main sample's SEMD must equal byte for byte.</summary>
    protected virtual string GoldenFileName => SampleNames[0] + ".xml";

    /// <summary>The folder under <c>semd/</c> whose XSD the samples must satisfy (147: <c>119</c>, see its test class).</summary>
    protected virtual string SchemaFolder => Kind;

    /// <summary>How the official rules are checked.</summary>
    protected virtual OfficialRulesCheck OfficialRules => OfficialRulesCheck.ZeroErrors;

    /// <summary>The sample whose facts and read-back are checked (default: the main sample).</summary>
    protected virtual string FactsSampleName => SampleNames[0];

    /// <summary>A sample of another kind, which this kind's translator must refuse.</summary>
    protected virtual string OtherKindSampleName => "Laboratory-186-01";

    /// <summary>Where the refusal of another kind's Bundle is reported.</summary>
    protected virtual string WrongKindLocation => "Bundle.entry[0].resource.type";

    /// <summary>Creates the kind's translator over <paramref name="catalog"/>.</summary>
    protected abstract IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog);

    /// <summary>The path of a sample under <c>Samples/Documents/Fhir</c>.</summary>
    protected static string SamplePath(string name) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", name + ".json");

    /// <summary>Translates a sample with the shared NSI catalog.</summary>
    protected SemdTranslation TranslateSample(string name) => CreateTranslator(Samples186.Catalog).Translate(File.ReadAllBytes(SamplePath(name)));

    [TestMethod]
    public void GivenEverySample_WhenTranslated_ThenSucceedsAndIsValidByXsd()
    {
        var validator = new SemdSchemaValidator(RepositoryPaths.SharedData);
        Assert.AreEqual(Kind, CreateTranslator(Samples186.Catalog).Kind);
        foreach (var name in SampleNames)
        {
            var result = TranslateSample(name);

            Assert.IsTrue(result.Succeeded, name + ":\n" + string.Join("\n", result.Problems));
            Assert.IsEmpty(result.Problems, name);
            var problems = validator.Validate(SchemaFolder, result.Semd!);
            Assert.IsEmpty(problems, name + ":\n" + string.Join("\n", problems));
        }
    }

    /// <summary>One run of <c>semd-schematron</c> (xmllint XSD, then Saxon) per sample, as the REMD validator does.</summary>
    [TestMethod]
    public void GivenEverySample_WhenValidatedByOfficialRules_ThenZeroErrors()
    {
        var folder = Directory.CreateTempSubdirectory($"semd{Kind}-");
        try
        {
            var schematron = Path.Combine(RepositoryPaths.SharedData, "semd", Kind, Kind + ".xsl");
            foreach (var name in SampleNames)
            {
                var result = TranslateSample(name);
                Assert.IsTrue(result.Succeeded, name + ":\n" + string.Join("\n", result.Problems));
                switch (OfficialRules)
                {
                    case OfficialRulesCheck.OwnTest:
                        Assert.IsFalse(SemdSchematron.RulesMatch(Kind, result.Semd!),
                            $"semd/{Kind} now holds this kind's rules: check this kind with OfficialRulesCheck.ZeroErrors");
                        continue;
                    case OfficialRulesCheck.NoSchematron:
                        Assert.IsFalse(File.Exists(schematron), $"semd/{Kind} now has a compiled schematron: check this kind with OfficialRulesCheck.ZeroErrors");
                        break;
                }

                var file = Path.Combine(folder.FullName, name + ".xml");
                File.WriteAllBytes(file, result.Semd!);
                var report = SemdSchematron.Validate(Kind, file);
                Assert.AreEqual(0, report.ErrorCount, name + ":\n" + string.Join("\n", report.Errors) + "\n" + report.Output);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedTwice_ThenBytesAreIdentical()
    {
        var json = File.ReadAllBytes(SamplePath(SampleNames[0]));

        var first = CreateTranslator(Samples186.Catalog).Translate(json).Semd!;
        var second = CreateTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(json).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>Golden file (see the class remarks for <c>EGISZBUS_REGENERATE_GOLDEN=1</c>).</summary>
    [TestMethod]
    public void GivenSample_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", GoldenFileName);
        var actual = TranslateSample(SampleNames[0]).Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }

    [TestMethod]
    public void GivenFactsSample_WhenTranslated_ThenHeaderAndFactsNameKindIdsPatientAndSigners()
    {
        var result = TranslateSample(FactsSampleName);
        var expected = ExpectedFacts;
        var semd = result.Semd!;
        var facts = result.Facts!;

        CollectionAssert.AreEqual(new[] { expected.TemplateId }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:templateId/@root"));
        CollectionAssert.AreEqual(new[] { expected.TypeCode }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "1.2.643.5.1.13.13.11.1522" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@codeSystem"));
        CollectionAssert.AreEqual(new[] { DocumentIdRoot }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:id/@root"));
        CollectionAssert.AreEqual(new[] { expected.Patient.Snils },
            HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:id[@root='1.2.643.100.3']/@extension"));
        Assert.AreEqual(Kind, facts.Kind);
        Assert.AreEqual(DocumentIdRoot, facts.DocumentIdRoot);
        Assert.AreEqual(expected.DocumentIdExtension, facts.DocumentIdExtension);
        Assert.AreEqual(expected.LocalUid, facts.LocalUid);
        Assert.AreEqual(OrganizationOid, facts.OrganizationOid);
        Assert.AreEqual(expected.DepartmentOid, facts.DepartmentOid);
        Assert.AreEqual(expected.Patient, facts.Patient);
        CollectionAssert.AreEqual(expected.SignerSnils.ToArray(), facts.Signers.Select(s => s.Snils).ToArray());
        Assert.AreEqual(expected.PositionCode, facts.Signers[0].PositionCode);
    }

    [TestMethod]
    public void GivenFactsSampleSemd_WhenReadBack_ThenKindHeaderPatientAndAuthorSurvive()
    {
        var semd = TranslateSample(FactsSampleName).Semd!;
        var expected = ExpectedFacts;

        var read = new SemdToFhirTranslator(Samples186.Catalog).Translate(semd);

        Assert.IsNotNull(read.Bundle, string.Join("\n", read.Problems));
        Assert.AreEqual(Kind, read.Kind, string.Join("\n", read.Problems));
        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        var bundle = read.Bundle;
        Assert.AreEqual(expected.DocumentIdExtension, bundle.Identifier!.Value);
        StringAssert.Contains(Encoding.UTF8.GetString(read.FhirJson!), DocumentIdRoot);
        var composition = (Composition)bundle.Entry[0].Resource!;
        CollectionAssert.Contains(composition.Type!.Coding.Select(c => c.Code).ToList(), expected.TypeCode);
        var patient = (Patient)bundle.Entry.Single(e => e.FullUrl == composition.Subject!.Reference).Resource!;
        Assert.AreEqual(expected.Patient.Snils, patient.Identifier.Single(i => i.System == SnilsSystem).Value);
        Assert.AreEqual(expected.Patient.BirthDate, patient.BirthDate);
        Assert.AreEqual(expected.Patient.Family, patient.Name[0].Family);
        var role = (PractitionerRole)bundle.Entry.Single(e => e.FullUrl == composition.Author[0].Reference).Resource!;
        var practitioner = (Practitioner)bundle.Entry.Single(e => e.FullUrl == role.Practitioner!.Reference).Resource!;
        Assert.AreEqual(expected.SignerSnils[0], practitioner.Identifier.Single(i => i.System == SnilsSystem).Value);
        Assert.AreEqual(DoctorFamilies[expected.SignerSnils[0]], practitioner.Name[0].Family);
        Assert.AreEqual(expected.PositionCode, role.Code.Single().Coding.Single().Code);
    }

    [TestMethod]
    public void GivenBundleOfAnotherKind_WhenTranslated_ThenWrongKind()
    {
        var result = CreateTranslator(Samples186.Catalog).Translate(File.ReadAllBytes(SamplePath(OtherKindSampleName)));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-006" && p.Location == WrongKindLocation), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("112-233-445 96", "TRN-010")]
    [DataRow("11223344596", "TRN-010")]
    [DataRow(null, "TRN-009")]
    public void GivenBadPatientSnils_WhenTranslated_ThenFailsWithCodeAtThePatientIdentifier(string? snils, string code)
    {
        var bundle = JsonNode.Parse(File.ReadAllBytes(SamplePath(SampleNames[0])))!;
        var index = bundle["entry"]!.AsArray().Select((e, i) => (e, i)).First(x => (string?)x.e!["resource"]!["resourceType"] == "Patient").i;
        var identifiers = bundle["entry"]![index]!["resource"]!["identifier"]!.AsArray();
        var snilsIdentifier = identifiers.First(i => (string?)i!["system"] == SnilsSystem)!;
        var location = $"Bundle.entry[{index}].resource.identifier";
        if (snils is null)
        {
            identifiers.Remove(snilsIdentifier);
        }
        else
        {
            snilsIdentifier["value"] = snils;
            location += $"[{identifiers.IndexOf(snilsIdentifier)}].value";
        }

        var result = CreateTranslator(Samples186.Catalog).Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location is not null && p.Location.StartsWith(location, StringComparison.Ordinal)),
            $"expected {code} at {location}:\n" + string.Join("\n", result.Problems));
    }
}
