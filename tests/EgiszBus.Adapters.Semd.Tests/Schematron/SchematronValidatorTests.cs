using System.Text;
using EgiszBus.Adapters.Semd.Schematron;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests.Schematron;

[TestClass]
public sealed class SchematronValidatorTests
{
    private static SchematronValidator Validator(SchematronOptions? options = null) => new(RepositoryPaths.SharedData, options);

    private static byte[] TranslatedSample(string number)
    {
        var translation = Samples186.Translator.Translate(Samples186.Read(number));
        Assert.IsTrue(translation.Succeeded, string.Join("; ", translation.Problems));
        return translation.Semd!;
    }

    private static byte[] WithoutRealmCode(byte[] semd)
    {
        var text = Encoding.UTF8.GetString(semd);
        var start = text.IndexOf("<realmCode", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start);
        var end = text.IndexOf("/>", start, StringComparison.Ordinal) + 2;
        return Encoding.UTF8.GetBytes(text.Remove(start, end - start));
    }

    [TestMethod]
    public async Task GivenTranslatedSamplesAndABrokenOne_WhenValidatedInOneRun_ThenOnlyTheBrokenOneHasProblemsWithTheirXPath()
    {
        var samples = new[] { "01", "02", "03" }.Select(TranslatedSample).ToList();
        var broken = WithoutRealmCode(samples[0]);

        var results = await Validator().ValidateManyAsync("186", [.. samples.Select(s => (ReadOnlyMemory<byte>)s), broken]);

        Assert.HasCount(4, results);
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.IsEmpty(results[i], string.Join(Environment.NewLine, results[i]));
        }

        var problem = results[3].Single();
        Assert.AreEqual(SchematronValidator.ErrorCode, problem.Code);
        Assert.AreEqual("/ClinicalDocument[1]", problem.Location);
        StringAssert.Contains(problem.Message, "realmCode");
    }

    [TestMethod]
    public async Task GivenAMissingJava_WhenValidated_ThenToolsMissingProblemNamesTheDebianPackages()
    {
        var validator = Validator(new SchematronOptions { Java = "/nonexistent/bin/java" });

        var problems = await validator.ValidateAsync("186", TranslatedSample("01"));

        var problem = problems.Single();
        Assert.AreEqual(SchematronValidator.ToolsMissingCode, problem.Code);
        StringAssert.Contains(problem.Message, "default-jre-headless libsaxonhe-java");
    }

    [TestMethod]
    public async Task GivenAMissingSaxonJar_WhenValidated_ThenToolsMissingProblem()
    {
        var validator = Validator(new SchematronOptions { SaxonJar = "/nonexistent/Saxon-HE.jar" });

        var problems = await validator.ValidateAsync("186", TranslatedSample("01"));

        Assert.AreEqual(SchematronValidator.ToolsMissingCode, problems.Single().Code);
    }

    [TestMethod]
    public async Task GivenMalformedXml_WhenValidated_ThenNotWellFormedWithItsLine()
    {
        var problems = await Validator().ValidateAsync("186", "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n<id>"u8.ToArray());

        var problem = problems.Single();
        Assert.AreEqual(SchematronValidator.NotWellFormedCode, problem.Code);
        StringAssert.StartsWith(problem.Location, "line 2");
    }

    [TestMethod]
    public async Task GivenADoctypeDeclaration_WhenValidated_ThenRefusedAsNotWellFormed()
    {
        var hostile = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ClinicalDocument>&e;</ClinicalDocument>"u8.ToArray();

        var problems = await Validator().ValidateAsync("186", hostile);

        Assert.AreEqual(SchematronValidator.NotWellFormedCode, problems.Single().Code);
    }

    [TestMethod]
    [DataRow("43", false)]
    [DataRow("186", true)]
    [DataRow("119", true)]
    public void GivenAKind_WhenAskedForItsSchematron_ThenOnlyKindsWithACompiledXslHaveOne(string kind, bool expected) =>
        Assert.AreEqual(expected, Validator().HasSchematron(kind));

    [TestMethod]
    public async Task GivenKind43_WhenValidated_ThenNoProblemsBecauseThereIsNoSchematron()
    {
        var problems = await Validator().ValidateAsync("43", "<ClinicalDocument/>"u8.ToArray());

        Assert.IsEmpty(problems);
    }

    [TestMethod]
    public void GivenAKindThatIsNotACode_WhenValidated_ThenArgumentException() =>
        Assert.ThrowsExactly<ArgumentException>(() => Validator().HasSchematron("../186"));
}
