using System.CommandLine;
using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Semd;
using EgiszBus.Host.Tools;
using EgiszBus.TestKit;

namespace EgiszBus.Host.Tests.Tools;

[TestClass]
public sealed class TranslateCommandTests
{
    private static readonly string Csv = Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "Laboratory-186-01.csv");
    private static readonly string Profile = Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json");
    private static readonly string Fhir186 = Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", "Laboratory-186-01.json");

    static TranslateCommandTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    internal static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand("test") { TranslateCommand.Create(), ValidateCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Data => RepositoryPaths.SharedData;

    [TestMethod]
    public async Task GivenTheCp1251LaboratoryCsv_WhenTranslatedToSemd_ThenOneSchematronValidSemdPerDocumentInTheFolder()
    {
        using var temp = new TempDirectory();
        var folder = Path.Combine(temp.Path, "out");

        var (exitCode, output, error) = await RunAsync("translate", "--from", "mis-csv", "--to", "semd", Csv, "-o", folder, "--profile", Profile, "--reference-data", Data);

        Assert.AreEqual(0, exitCode, output + error);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "186-186101.xml", "186-186102.xml", "186-186103.xml" }, files);
        StringAssert.Contains(error, "[3/3] 186-186103.xml");

        // One Saxon run for the whole folder.
        var validation = await RunAsync("validate", "--kind", "186", folder, "--reference-data", Data);

        Assert.AreEqual(0, validation.ExitCode, validation.Output + validation.Error);
        Assert.AreEqual(3, validation.Output.Split('\n').Count(l => l.StartsWith("VALID ", StringComparison.Ordinal) && l.Contains("xsd + nsi + schematron", StringComparison.Ordinal)), validation.Output);
    }

    [TestMethod]
    [DataRow("Laboratory-186-01.json", "186")]
    [DataRow("Consultation-119-01.json", "119")]
    public async Task GivenAFhirSample_WhenTranslatedToSemdOnStandardOutput_ThenXsdValidSemdOfItsKind(string sample, string kind)
    {
        var input = Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", sample);

        var (exitCode, output, error) = await RunAsync("translate", "--from", "fhir", "--to", "semd", input, "--reference-data", Data);

        Assert.AreEqual(0, exitCode, error);
        StringAssert.StartsWith(output, "<?xml");
        Assert.IsEmpty(new SemdSchemaValidator(Data).Validate(kind, Encoding.UTF8.GetBytes(output)));
    }

    [TestMethod]
    public async Task GivenAFhirBundleWithAWrongSnilsChecksum_WhenTranslated_ThenExit2WithTrnCodeAndFhirPathAndNothingWritten()
    {
        using var temp = new TempDirectory();
        var broken = Path.Combine(temp.Path, "broken.json");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Fhir186)).Replace("45678901238", "11223344596", StringComparison.Ordinal));
        var target = Path.Combine(temp.Path, "out.xml");

        var (exitCode, output, _) = await RunAsync("translate", "--from", "fhir", "--to", "semd", broken, "-o", target, "--json", "--reference-data", Data);

        Assert.AreEqual(2, exitCode);
        using var report = JsonDocument.Parse(output);
        Assert.AreEqual(0, report.RootElement.GetProperty("documents").GetArrayLength());
        var problem = report.RootElement.GetProperty("problems").EnumerateArray().Single();
        Assert.AreEqual(TranslationErrorCodes.InvalidSnils, problem.GetProperty("code").GetString());
        StringAssert.StartsWith(problem.GetProperty("location").GetString(), "Bundle.entry[");
        Assert.IsFalse(File.Exists(target));
    }

    [TestMethod]
    public async Task GivenACsvWithOneBadDocument_WhenTranslatedToFhir_ThenExit2AndTheOtherDocumentsAreWritten()
    {
        using var temp = new TempDirectory();
        var lines = Encoding.GetEncoding(1251).GetString(await File.ReadAllBytesAsync(Csv)).Split('\n');
        var broken = Path.Combine(temp.Path, "broken.csv");
        await File.WriteAllTextAsync(broken, string.Join('\n', lines.Select(l => l.StartsWith("186102;", StringComparison.Ordinal)
            ? l.Replace("567-890-123 43", "112-233-445 96", StringComparison.Ordinal) : l)), new UTF8Encoding(true));
        var folder = Path.Combine(temp.Path, "fhir");

        var (exitCode, output, error) = await RunAsync("translate", "--from", "mis-csv", "--to", "fhir", broken, "-o", folder, "--profile", Profile, "--json");

        Assert.AreEqual(2, exitCode, output + error);
        using var report = JsonDocument.Parse(output);
        CollectionAssert.AreEqual(new[] { "186101", "186103" },
            report.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("number").GetString()).ToArray());
        var problems = report.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.IsTrue(problems.All(p => p.GetProperty("document").GetString() == "186102"), output);
        Assert.IsTrue(problems.Any(p => p.GetProperty("code").GetString() == "MIS-009" && p.GetProperty("location").GetString()!.StartsWith("line ", StringComparison.Ordinal)), output);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "186-186101.json")));
        Assert.IsFalse(File.Exists(Path.Combine(folder, "186-186102.json")));
        using var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "186-186103.json")));
        Assert.AreEqual("document", bundle.RootElement.GetProperty("type").GetString());
    }

    [TestMethod]
    public async Task GivenTheMisJsonSample_WhenTranslatedToFhirFile_ThenADocumentBundle()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(RepositoryPaths.Samples, "Documents", "Json", "Laboratory-186-01.json");
        var target = Path.Combine(temp.Path, "bundle.json");

        var (exitCode, _, error) = await RunAsync("translate", "--from", "mis-json", "--to", "fhir", input, "-o", target, "--profile", Profile);

        Assert.AreEqual(0, exitCode, error);
        using var bundle = JsonDocument.Parse(await File.ReadAllBytesAsync(target));
        Assert.AreEqual("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
        Assert.AreEqual("186", FhirToSemdTranslators.KindOf(await File.ReadAllBytesAsync(target)));
    }

    [TestMethod]
    public async Task GivenTheConsultationMisJson_WhenTranslatedWithKind119ToSemdOnStandardOutput_ThenXsdValidSemd119()
    {
        var input = Path.Combine(RepositoryPaths.Samples, "Documents", "Json", "Consultation-119-01.json");

        var (exitCode, output, error) = await RunAsync("translate", "--from", "mis-json", "--to", "semd", "--kind", "119", input, "--profile", Profile,
            "--reference-data", Data);

        Assert.AreEqual(0, exitCode, error);
        StringAssert.StartsWith(output, "<?xml");
        var semd = Encoding.UTF8.GetBytes(output);
        Assert.IsTrue(SemdSchematron.RulesMatch("119", semd), "the SEMD carries the templateId of kind 119");
        Assert.IsEmpty(new SemdSchemaValidator(Data).Validate("119", semd));
    }

    [TestMethod]
    public async Task GivenThePrescriptionsCsv_WhenTranslatedWithKind148ToSemd_ThenOneSchematronValidSemdPerPrescriptionInTheFolder()
    {
        using var temp = new TempDirectory();
        var input = Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "Prescription-148-01.csv");
        var folder = Path.Combine(temp.Path, "out");

        var (exitCode, output, error) = await RunAsync("translate", "--from", "mis-csv", "--to", "semd", "--kind", "148", input, "-o", folder,
            "--profile", Profile, "--reference-data", Data);

        Assert.AreEqual(0, exitCode, output + error);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "148-148401.xml", "148-148402.xml" }, files);

        // One Saxon run for the whole folder.
        var validation = await RunAsync("validate", "--kind", "148", folder, "--reference-data", Data);

        Assert.AreEqual(0, validation.ExitCode, validation.Output + validation.Error);
        Assert.AreEqual(2, validation.Output.Split('\n').Count(l => l.StartsWith("VALID ", StringComparison.Ordinal) && l.Contains("xsd + nsi + schematron", StringComparison.Ordinal)), validation.Output);
    }

    [TestMethod]
    [DataRow("mis-csv", "119", "Csv/Prescription-148-01.csv", "148, 186")]
    [DataRow("mis-json", "999", "Json/Consultation-119-01.json", "43, 80, 83, 119")]
    public async Task GivenAKindWithoutAnMisTranslator_WhenTranslated_ThenExit1NamingTheSupportedKinds(string from, string kind, string sample, string named)
    {
        var input = Path.Combine(RepositoryPaths.Samples, "Documents", sample);

        var (exitCode, output, error) = await RunAsync("translate", "--from", from, "--to", "fhir", "--kind", kind, input, "--profile", Profile);

        Assert.AreEqual(1, exitCode, output + error);
        StringAssert.Contains(error, "--kind " + kind);
        StringAssert.Contains(error, named);
        Assert.IsEmpty(output);
    }

    [TestMethod]
    public async Task GivenASemdMadeFromTheFhirSample_WhenTranslatedBackToFhir_ThenTheBundleKeepsTheDocumentNumber()
    {
        using var temp = new TempDirectory();
        var semd = Path.Combine(temp.Path, "doc.xml");
        Assert.AreEqual(0, (await RunAsync("translate", "--from", "fhir", "--to", "semd", Fhir186, "-o", semd, "--reference-data", Data)).ExitCode);
        var number = new LaboratoryFhirToSemdTranslator(new NsiCatalog(Data)).Translate(await File.ReadAllBytesAsync(Fhir186)).Facts!.DocumentNumber;

        var (exitCode, output, error) = await RunAsync("translate", "--from", "semd", "--to", "fhir", semd, "--reference-data", Data);

        Assert.AreEqual(0, exitCode, error);
        using var bundle = JsonDocument.Parse(output);
        Assert.AreEqual(number, bundle.RootElement.GetProperty("identifier").GetProperty("value").GetString());
    }

    [TestMethod]
    public async Task GivenAMissingInput_WhenTranslated_ThenExit1NamingTheFile()
    {
        var (exitCode, _, error) = await RunAsync("translate", "--from", "fhir", "--to", "semd", "/nonexistent/bundle.json", "--reference-data", Data);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "/nonexistent/bundle.json");
    }

    [TestMethod]
    [DataRow("fhir", "fhir")]
    [DataRow("semd", "semd")]
    [DataRow("xml", "semd")]
    public async Task GivenAnUnsupportedDirection_WhenTranslated_ThenExit1(string from, string to)
    {
        var (exitCode, _, error) = await RunAsync("translate", "--from", from, "--to", to, Fhir186, "--reference-data", Data);

        Assert.AreEqual(1, exitCode);
        Assert.IsFalse(string.IsNullOrWhiteSpace(error));
    }

    [TestMethod]
    public async Task GivenACsvOfSeveralDocumentsAndNoOutput_WhenTranslated_ThenExit1AskingForAFolder()
    {
        var (exitCode, output, error) = await RunAsync("translate", "--from", "mis-csv", "--to", "fhir", Csv, "--profile", Profile);

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "-o FOLDER");
        Assert.IsEmpty(output);
    }

    [TestMethod]
    public async Task GivenMisInputWithoutProfile_WhenTranslated_ThenExit1NamingTheProfileOption()
    {
        var (exitCode, _, error) = await RunAsync("translate", "--from", "mis-csv", "--to", "fhir", Csv, "-o", Path.GetTempPath());

        Assert.AreEqual(1, exitCode);
        StringAssert.Contains(error, "--profile");
    }

    [TestMethod]
    public void GivenATerminal_WhenProgressAdvances_ThenOneLineIsRedrawnInPlace()
    {
        using var writer = new StringWriter();
        var bar = new ProgressBar(writer, 4, interactive: true);

        bar.Advance("a");
        bar.Advance("b");

        Assert.AreEqual("\r[#####               ] 1/4\r[##########          ] 2/4", writer.ToString());
    }

    [TestMethod]
    public void GivenNoTerminal_WhenProgressAdvances_ThenPlainLines()
    {
        using var writer = new StringWriter();
        var bar = new ProgressBar(writer, 2, interactive: false);

        bar.Advance("a.xml");
        bar.Advance("b.xml");

        Assert.AreEqual($"[1/2] a.xml{Environment.NewLine}[2/2] b.xml{Environment.NewLine}", writer.ToString());
    }
}
