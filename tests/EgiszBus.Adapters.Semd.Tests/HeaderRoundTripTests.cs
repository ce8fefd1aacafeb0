using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class HeaderRoundTripTests
{
    private static string ConsultationExample => Path.Combine(RepositoryPaths.SharedData, "samples", "consultation.xml");

    [TestMethod]
    public void GivenOfficialConsultationExample_WhenReadToFhirAndHeaderRewritten_ThenEveryHeaderFactIsKept()
    {
        var original = File.ReadAllBytes(ConsultationExample);

        var read = new SemdToFhirTranslator(Samples186.Catalog).Translate(original);
        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        Assert.AreEqual("227", read.Kind);
        var rendered = new SemdHeaderRenderer(Samples186.Catalog).Translate(read.FhirJson!);
        Assert.IsTrue(rendered.Succeeded, string.Join("\n", rendered.Problems));

        var differences = HeaderFactLists.Differences(original, rendered.Semd!);
        Assert.IsEmpty(differences, "header facts differ:\n" + string.Join("\n", differences));
        CollectionAssert.AreEqual(new[] { "1.2.643.5.1.13.13.15.13.5" }, HeaderFactLists.Values(rendered.Semd!, "/v3:ClinicalDocument/v3:templateId/@root"));
    }

    [TestMethod]
    [DataRow("01")]
    [DataRow("02")]
    [DataRow("03")]
    public void GivenLaboratorySemd_WhenReadToFhirAndHeaderRewritten_ThenEveryHeaderFactIsKept(string number)
    {
        var semd = Samples186.Translator.Translate(Samples186.Read(number)).Semd!;

        var read = new SemdToFhirTranslator(Samples186.Catalog).Translate(semd);
        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        Assert.AreEqual("186", read.Kind);
        var rendered = new SemdHeaderRenderer(Samples186.Catalog).Translate(read.FhirJson!);
        Assert.IsTrue(rendered.Succeeded, string.Join("\n", rendered.Problems));

        var differences = HeaderFactLists.Differences(semd, rendered.Semd!);
        Assert.IsEmpty(differences, "header facts differ:\n" + string.Join("\n", differences));
    }

    [TestMethod]
    public void GivenRewrittenHeader_WhenReadToFhirAgain_ThenBundleIsByteIdentical()
    {
        var reader = new SemdToFhirTranslator(Samples186.Catalog);
        var first = reader.Translate(File.ReadAllBytes(ConsultationExample)).FhirJson!;
        var rewritten = new SemdHeaderRenderer(Samples186.Catalog).Translate(first).Semd!;

        var second = reader.Translate(rewritten).FhirJson!;

        CollectionAssert.AreEqual(first, second, System.Text.Encoding.UTF8.GetString(second));
    }
}
