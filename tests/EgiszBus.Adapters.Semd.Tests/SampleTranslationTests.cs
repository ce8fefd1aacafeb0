using System.Text;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class SampleTranslationTests
{
    [TestMethod]
    [DataRow("01")]
    [DataRow("02")]
    [DataRow("03")]
    public void GivenSample_WhenTranslated_ThenSucceedsAndIsValidByXsd(string number)
    {
        var result = Samples186.Translator.Translate(Samples186.Read(number));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("186", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
    }

    [TestMethod]
    public void GivenAllSamples_WhenValidatedByOfficialSchematron_ThenZeroErrors()
    {
        var folder = Directory.CreateTempSubdirectory("semd186-");
        try
        {
            foreach (var number in new[] { "01", "02", "03" })
            {
                var result = Samples186.Translator.Translate(Samples186.Read(number));
                Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
                var file = Path.Combine(folder.FullName, $"Laboratory-186-{number}.xml");
                File.WriteAllBytes(file, result.Semd!);
                var report = SemdSchematron.Validate("186", file);
                Assert.AreEqual(0, report.ErrorCount, number + ":\n" + string.Join("\n", report.Errors) + "\n" + report.Output);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenSemdWithoutLegalAuthenticator_WhenValidatedByOfficialSchematron_ThenErrorsAreReported()
    {
        var semd = Encoding.UTF8.GetString(Samples186.Translator.Translate(Samples186.Read("01")).Semd!);
        var start = semd.IndexOf("<legalAuthenticator>", StringComparison.Ordinal);
        var end = semd.IndexOf("</legalAuthenticator>", StringComparison.Ordinal) + "</legalAuthenticator>".Length;
        var file = Path.Combine(Path.GetTempPath(), $"semd186-broken-{Environment.ProcessId}.xml");
        File.WriteAllText(file, semd.Remove(start, end - start));
        try
        {
            var report = SemdSchematron.Validate("186", file);

            Assert.IsGreaterThan(0, report.ErrorCount, report.Output);
            Assert.IsTrue(report.Errors.Any(e => e.Contains("legalAuthenticator", StringComparison.Ordinal)), report.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void GivenSample01_WhenTranslatedTwice_ThenBytesAreIdentical()
    {
        var first = Samples186.Translator.Translate(Samples186.Read("01")).Semd!;
        var second = new LaboratoryFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(Samples186.Read("01")).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenSample01_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/Laboratory-186-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "Laboratory-186-01.xml");
        var actual = Samples186.Translator.Translate(Samples186.Read("01")).Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }
}
