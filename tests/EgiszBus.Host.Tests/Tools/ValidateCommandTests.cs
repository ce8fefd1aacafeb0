using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Semd;
using EgiszBus.Adapters.Semd.Schematron;
using EgiszBus.TestKit;

namespace EgiszBus.Host.Tests.Tools;

[TestClass]
public sealed class ValidateCommandTests
{
    private static readonly string Fhir186 = Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", "Laboratory-186-01.json");

    private static string Data => RepositoryPaths.SharedData;

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => TranslateCommandTests.RunAsync(args);

    private static async Task<string> SemdOfSampleAsync(TempDirectory temp, Func<string, string>? change = null)
    {
        var translation = new LaboratoryFhirToSemdTranslator(new NsiCatalog(Data)).Translate(await File.ReadAllBytesAsync(Fhir186));
        Assert.IsTrue(translation.Succeeded);
        var path = Path.Combine(temp.Path, "186.xml");
        var text = Encoding.UTF8.GetString(translation.Semd!);
        await File.WriteAllTextAsync(path, change is null ? text : change(text));
        return path;
    }

    [TestMethod]
    public async Task GivenASemdWithoutRealmCode_WhenValidated_ThenExit2WithXsdAndSchematronProblemsAndTheirLocations()
    {
        using var temp = new TempDirectory();
        var file = await SemdOfSampleAsync(temp, t => t.Replace("<realmCode code=\"RU\" />", string.Empty, StringComparison.Ordinal));

        var (exitCode, output, error) = await RunAsync("validate", "--kind", "186", file, "--json", "--reference-data", Data);

        Assert.AreEqual(2, exitCode, output + error);
        using var report = JsonDocument.Parse(output);
        Assert.IsFalse(report.RootElement.GetProperty("valid").GetBoolean());
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Code: p.GetProperty("code").GetString(), Location: p.GetProperty("location").GetString())).ToList();
        Assert.IsTrue(problems.Any(p => p.Code == SemdSchemaValidator.ErrorCode && p.Location!.StartsWith("line ", StringComparison.Ordinal)), output);
        Assert.IsTrue(problems.Any(p => p.Code == SchematronValidator.ErrorCode && p.Location == "/ClinicalDocument[1]"), output);
    }

    [TestMethod]
    public async Task GivenASemdWithAnUnknownTestCodeAndAWrongUnitName_WhenValidated_ThenExit2WithNsiCodesAndXPaths()
    {
        using var temp = new TempDirectory();
        var file = await SemdOfSampleAsync(temp, t => t
            .Replace("code=\"1168863\"", "code=\"99999999\"", StringComparison.Ordinal)
            .Replace("displayName=\"Миллилитр\"", "displayName=\"Литр в миллилитре\"", StringComparison.Ordinal));

        var (exitCode, output, error) = await RunAsync("validate", "--kind", "186", file, "--json", "--reference-data", Data);

        Assert.AreEqual(2, exitCode, output + error);
        using var report = JsonDocument.Parse(output);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Code: p.GetProperty("code").GetString(), Location: p.GetProperty("location").GetString()!)).ToList();
        Assert.IsTrue(problems.Any(p => p.Code == TranslationErrorCodes.CodeNotInDirectoryVersion
            && p.Location.StartsWith("/ClinicalDocument/component/structuredBody/", StringComparison.Ordinal) && p.Location.Contains("/code (line ", StringComparison.Ordinal)), output);
        Assert.IsTrue(problems.Any(p => p.Code == TranslationErrorCodes.DisplayNameMismatch && p.Location.Contains("/translation (line ", StringComparison.Ordinal)), output);
        CollectionAssert.Contains(report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetString()).ToArray(), "nsi");
    }

    [TestMethod]
    public async Task GivenAKindFolderHoldingAnotherKindsRules_WhenValidated_ThenTheSchematronIsNotRunAndTheNoteSaysWhy()
    {
        // A reference-data folder whose semd/186 holds the XSD of 186 but the schematron of 119 (as the public semd/147 holds 142's).
        using var temp = new TempDirectory();
        var shared = Path.Combine(Data, "semd");
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "data", "semd", "186")).FullName;
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(shared, "186")).Where(e => !Path.GetFileName(e).StartsWith("186.", StringComparison.Ordinal)))
        {
            var link = Path.Combine(folder, Path.GetFileName(entry));
            if (Directory.Exists(entry)) Directory.CreateSymbolicLink(link, entry); else File.CreateSymbolicLink(link, entry);
        }

        File.Copy(Path.Combine(shared, "119", "119.sch"), Path.Combine(folder, "186.sch"));
        File.Copy(Path.Combine(shared, "119", "119.xsl"), Path.Combine(folder, "186.xsl"));
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "data", "nsi"), Path.Combine(Data, "nsi"));
        var file = await SemdOfSampleAsync(temp);

        var (exitCode, output, error) = await RunAsync("validate", "--kind", "186", file, "--json", "--reference-data", Path.Combine(temp.Path, "data"));

        Assert.AreEqual(0, exitCode, output + error);
        using var report = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(new[] { "xsd", "nsi" }, report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetString()).ToArray());
        var note = report.RootElement.GetProperty("note").GetString()!;
        StringAssert.Contains(note, "holds the rules of another kind (templateId ");
        StringAssert.Contains(note, "1.2.643.5.1.13.13.14.85.9.4");
        Assert.IsEmpty(new SchematronValidator(Data).ForeignTemplateIds("186"), "the shared 186 rules are 186's");
    }

    [TestMethod]
    public async Task GivenTheFhirSample_WhenValidatedAsFhir_ThenExit0()
    {
        var (exitCode, output, error) = await RunAsync("validate", "fhir", Fhir186, "--reference-data", Data);

        Assert.AreEqual(0, exitCode, output + error);
        StringAssert.StartsWith(output, "VALID ");
    }

    [TestMethod]
    public async Task GivenAFhirBundleWithAWrongSnilsChecksum_WhenValidatedAsFhir_ThenExit2WithTrnCodeAndFhirPath()
    {
        using var temp = new TempDirectory();
        var broken = Path.Combine(temp.Path, "broken.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Fhir186)).Replace("45678901238", "11223344596", StringComparison.Ordinal));

        var (exitCode, output, _) = await RunAsync("validate", "fhir", broken, "--reference-data", Data);

        Assert.AreEqual(2, exitCode);
        StringAssert.StartsWith(output, "INVALID ");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"  TRN-010 Bundle\.entry\[\d+\]\.resource\.identifier\[\d+\]\.value: "));
    }

    [TestMethod]
    public async Task GivenKind43_WhenValidated_ThenXsdOnlyAndSaid()
    {
        using var temp = new TempDirectory();
        var file = await SemdOfSampleAsync(temp);

        var (exitCode, output, _) = await RunAsync("validate", "--kind", "43", file, "--json", "--reference-data", Data);

        using var report = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(new[] { "xsd", "nsi" }, report.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetString()).ToArray());
        StringAssert.Contains(report.RootElement.GetProperty("note").GetString(), "no official schematron");

        // A laboratory protocol is not a hospitalisation referral: the XSD of 43 refuses it.
        Assert.AreEqual(2, exitCode);
        Assert.IsTrue(report.RootElement.GetProperty("problems").EnumerateArray().All(p => p.GetProperty("code").GetString() == SemdSchemaValidator.ErrorCode));
    }

    [TestMethod]
    public async Task GivenAMissingFile_WhenValidated_ThenExit1NamingTheFile()
    {
        var (exitCode, _, error) = await RunAsync("validate", "--kind", "186", "/nonexistent/186.xml", "--reference-data", Data);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "/nonexistent/186.xml");
    }

    [TestMethod]
    [DataRow("999")]
    [DataRow("../186")]
    public async Task GivenAnUnknownKind_WhenValidated_ThenExit1(string kind)
    {
        var (exitCode, _, error) = await RunAsync("validate", "--kind", kind, Fhir186, "--reference-data", Data);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "kind");
    }

    [TestMethod]
    public async Task GivenNoKind_WhenValidatingSemd_ThenExit1PointingToTheFhirSubcommand()
    {
        var (exitCode, _, error) = await RunAsync("validate", Fhir186);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "validate fhir FILE");
    }

    [TestMethod]
    public async Task GivenTheReferenceDataAsASetting_WhenItDoesNotExist_ThenExit1NamingTheSetting()
    {
        var (exitCode, _, error) = await RunAsync("validate", "fhir", Fhir186, "--ReferenceData:Path=/nonexistent/data");

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "ReferenceData:Path");
    }

    [TestMethod]
    public async Task GivenNoJava_WhenValidatingSemd_ThenExit1WithToolsMissingProblemNamingTheDebianPackages()
    {
        using var temp = new TempDirectory();
        var file = await SemdOfSampleAsync(temp);
        var before = Environment.GetEnvironmentVariable("JAVA");
        Environment.SetEnvironmentVariable("JAVA", "/nonexistent/bin/java");
        try
        {
            var (exitCode, output, _) = await RunAsync("validate", "--kind", "186", file, "--reference-data", Data);

            Assert.AreEqual(1, exitCode);
            StringAssert.Contains(output, SchematronValidator.ToolsMissingCode);
            StringAssert.Contains(output, "default-jre-headless libsaxonhe-java");
        }
        finally
        {
            Environment.SetEnvironmentVariable("JAVA", before);
        }
    }
}
