using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>
/// Codes are checked against the FNSI version in force on the document date. The shared data hold one version per directory,
/// so these tests build a reference-data folder of their own: every shared snapshot, plus an earlier version <c>3.22</c> of
/// the units directory 1.2.643.5.1.13.13.11.1358 made from the real 3.23 without unit 60 «Грамм в литре» and published on
/// 01.06.2023 (3.23 was published on 21.11.2023).
/// </summary>
[TestClass]
public sealed class NsiVersionTests
{
    private const string Units = "1.2.643.5.1.13.13.11.1358";
    private static string root = string.Empty;

    [ClassInitialize]
    public static void CreateFolder(TestContext context)
    {
        _ = context;
        root = Path.Combine(Path.GetTempPath(), "egiszbus-nsi-" + Guid.NewGuid().ToString("N"));
        var nsi = Directory.CreateDirectory(Path.Combine(root, "nsi")).FullName;
        var shared = Path.Combine(RepositoryPaths.SharedData, "nsi");
        foreach (var file in Directory.EnumerateFiles(shared))
        {
            File.CreateSymbolicLink(Path.Combine(nsi, Path.GetFileName(file)), file);
        }

        var rows = JsonNode.Parse(File.ReadAllText(Path.Combine(shared, Units + "_3.23.json")))!.AsArray();
        var older = new JsonArray(rows.Where(r => (string?)r!["ID"] != "60").Select(r => r!.DeepClone()).ToArray());
        File.WriteAllText(Path.Combine(nsi, Units + "_3.22.json"), older.ToJsonString());
        var passport = JsonNode.Parse(File.ReadAllText(Path.Combine(shared, Units + "_3.23.passport.json")))!.AsObject();
        passport["version"] = "3.22";
        passport["publishDate"] = "01.06.2023 10:00";
        File.WriteAllText(Path.Combine(nsi, Units + "_3.22.passport.json"), passport.ToJsonString());
    }

    [ClassCleanup]
    public static void DeleteFolder() => Directory.Delete(root, recursive: true);

    [TestMethod]
    public void GivenTwoVersions_WhenAskedUndatedOrByDate_ThenTheVersionInForceOnThatDateAnswers()
    {
        var catalog = new NsiCatalog(root);

        CollectionAssert.AreEqual(new[] { "3.22", "3.23" }, catalog.Versions(Units).Select(v => v.Version).ToArray());
        Assert.AreEqual("3.23", catalog.VersionOf(Units));
        Assert.AreEqual("3.23", catalog.On(new DateOnly(2023, 11, 21)).VersionOf(Units), "a version is in force from its publication day");
        Assert.AreEqual("3.22", catalog.On(new DateOnly(2023, 11, 20)).VersionOf(Units));
        Assert.IsNull(catalog.On(new DateOnly(2023, 10, 1)).Find(Units, "60"));
        Assert.AreEqual("Грамм в литре", catalog.On(new DateOnly(2025, 3, 10)).Find(Units, "60")?.Display);
        Assert.AreEqual("3.22", catalog.On(new DateOnly(2020, 1, 1)).VersionOf(Units), "older than every snapshot: the oldest one");
        Assert.AreEqual("3.23", catalog.On((DateOnly?)null).VersionOf(Units));
    }

    [TestMethod]
    public void GivenALaboratoryProtocolDatedWhenUnit60WasNotYetInTheDirectory_WhenTranslated_ThenTRN011NamesTheVersionInForce()
    {
        var result = new LaboratoryFhirToSemdTranslator(new NsiCatalog(root)).Translate(Redated("2023-10-01T10:00:00+03:00"));

        Assert.IsFalse(result.Succeeded);
        var problem = result.Problems.First(p => p.Code == TranslationErrorCodes.UnknownCode);
        StringAssert.Contains(problem.Message, Units + " v3.22 (действует на 01.10.2023)");
        StringAssert.StartsWith(problem.Location, "Bundle.entry[");
    }

    [TestMethod]
    public void GivenTheSameProtocolDatedAfterTheNewVersion_WhenTranslated_ThenItSucceedsWithThatVersion()
    {
        var result = new LaboratoryFhirToSemdTranslator(new NsiCatalog(root)).Translate(Redated("2023-12-01T10:00:00+03:00"));

        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Problems));
        var semd = Encoding.UTF8.GetString(result.Semd!);
        StringAssert.Contains(semd, $"codeSystem=\"{Units}\" codeSystemName=\"Единицы измерения\" codeSystemVersion=\"3.23\" displayName=\"Грамм в литре\"");
    }

    [TestMethod]
    public void GivenAProtocolDatedBeforeTheNewVersion_WhenItsUnitsNeedNoNewCode_ThenItRendersTheOlderVersion()
    {
        var bundle = JsonNode.Parse(Samples186.Read("01"))!;
        var text = bundle.ToJsonString().Replace("\"code\":\"60\"", "\"code\":\"16\"", StringComparison.Ordinal);
        var redated = JsonNode.Parse(text)!;
        redated["entry"]![0]!["resource"]!["date"] = "2023-10-01T10:00:00+03:00";

        var result = new LaboratoryFhirToSemdTranslator(new NsiCatalog(root)).Translate(Encoding.UTF8.GetBytes(redated.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Problems));
        StringAssert.Contains(Encoding.UTF8.GetString(result.Semd!), $"codeSystem=\"{Units}\" codeSystemName=\"Единицы измерения\" codeSystemVersion=\"3.22\"");
    }

    [TestMethod]
    public void GivenTheGoldenLaboratorySemd_WhenCheckedAgainstTheSharedSnapshots_ThenNoProblems()
    {
        var problems = new SemdCodeChecker(Samples186.Catalog).Check(Golden("Laboratory-186-01.xml"));

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    public void GivenASemdDeclaringAVersionPublishedAfterItsDate_WhenChecked_ThenTRN209()
    {
        var semd = Encoding.UTF8.GetString(Golden("Laboratory-186-01.xml"))
            .Replace("<effectiveTime value=\"20250310143000+0300\" />", "<effectiveTime value=\"20231001100000+0300\" />", StringComparison.Ordinal);

        var problems = new SemdCodeChecker(new NsiCatalog(root)).Check(Encoding.UTF8.GetBytes(semd));

        var problem = problems.First(p => p.Code == TranslationErrorCodes.DirectoryVersionNotYetInForce && p.Message.Contains(Units, StringComparison.Ordinal));
        StringAssert.Contains(problem.Message, "21.11.2023");
        StringAssert.Contains(problem.Location, "/translation (line ");
    }

    [TestMethod]
    public void GivenASemdWithoutDeclaredVersionsDatedBeforeTheNewVersion_WhenChecked_ThenUnit60IsTRN207AgainstTheOlderVersion()
    {
        var semd = Encoding.UTF8.GetString(Golden("Laboratory-186-01.xml"))
            .Replace("<effectiveTime value=\"20250310143000+0300\" />", "<effectiveTime value=\"20231001100000+0300\" />", StringComparison.Ordinal)
            .Replace(" codeSystemVersion=\"3.23\"", string.Empty, StringComparison.Ordinal);

        var problems = new SemdCodeChecker(new NsiCatalog(root)).Check(Encoding.UTF8.GetBytes(semd));

        var problem = problems.First(p => p.Code == TranslationErrorCodes.CodeNotInDirectoryVersion);
        StringAssert.Contains(problem.Message, "Код 60 отсутствует в справочнике " + Units + " v3.22 (действует на 01.10.2023)");
        StringAssert.StartsWith(problem.Location, "/ClinicalDocument/component/structuredBody/");
    }

    [TestMethod]
    public void GivenAWrongDisplayName_WhenChecked_ThenTRN208WithXPathAndLine()
    {
        var semd = Encoding.UTF8.GetString(Golden("Laboratory-186-01.xml"))
            .Replace("displayName=\"Миллилитр\"", "displayName=\"Миллиметр\"", StringComparison.Ordinal);

        var problem = new SemdCodeChecker(Samples186.Catalog).Check(Encoding.UTF8.GetBytes(semd)).Single();

        Assert.AreEqual(TranslationErrorCodes.DisplayNameMismatch, problem.Code);
        StringAssert.Contains(problem.Message, "«Миллилитр»");
        StringAssert.Matches(problem.Location, new System.Text.RegularExpressions.Regex(@"^/ClinicalDocument/.+/translation \(line \d+, column \d+\)$"));
    }

    [TestMethod]
    public void GivenNotWellFormedXml_WhenChecked_ThenTRN201WithLine()
    {
        var problem = new SemdCodeChecker(Samples186.Catalog).Check("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><code>"u8.ToArray()).Single();

        Assert.AreEqual(TranslationErrorCodes.MalformedXml, problem.Code);
        StringAssert.StartsWith(problem.Location, "line 1");
    }

    private static byte[] Redated(string date)
    {
        var bundle = JsonNode.Parse(Samples186.Read("01"))!;
        bundle["entry"]![0]!["resource"]!["date"] = date;
        return Encoding.UTF8.GetBytes(bundle.ToJsonString());
    }

    private static byte[] Golden(string name) =>
        File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", name));
}
