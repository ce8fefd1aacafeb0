using System.Text;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class SampleTranslationTests : FhirToSemdKindContract
{
    protected override string Kind => "186";

    protected override IReadOnlyList<string> SampleNames => ["Laboratory-186-01", "Laboratory-186-02", "Laboratory-186-03"];

    protected override ExpectedKindFacts ExpectedFacts => new(
        "186001", Guid.Parse("a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601"),
        new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), ["23456789099"], "35",
        "1.2.643.5.1.13.13.12.2.77.7973.0.224589", "7", "1.2.643.5.1.13.13.14.7.9.5");

    protected override string OtherKindSampleName => "Consultation-119-01";

    protected override IFhirToSemdTranslator CreateTranslator(NsiCatalog catalog) => new LaboratoryFhirToSemdTranslator(catalog);

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
}
