using System.Text;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class FhirToSemdTranslatorsTests
{
    [TestMethod]
    [DataRow("186", typeof(LaboratoryFhirToSemdTranslator))]
    [DataRow("119", typeof(ConsultationFhirToSemdTranslator))]
    public void GivenKnownKind_WhenLookedUp_ThenItsTranslatorIsReturned(string kind, Type expected)
    {
        var translator = new FhirToSemdTranslators(Samples186.Catalog).For(kind);

        Assert.IsInstanceOfType(translator, expected);
        Assert.AreEqual(kind, translator!.Kind);
    }

    [TestMethod]
    public void GivenUnknownKind_WhenLookedUp_ThenNull()
    {
        Assert.IsNull(new FhirToSemdTranslators(Samples186.Catalog).For("227"));
    }

    [TestMethod]
    public void GivenSamples_WhenKindRead_ThenTheComposition1520CodeIsReturned()
    {
        Assert.AreEqual("186", FhirToSemdTranslators.KindOf(Samples186.Read("01")));
        Assert.AreEqual("119", FhirToSemdTranslators.KindOf(File.ReadAllBytes(ConsultationTranslationTests.PathOf("02"))));
    }

    [TestMethod]
    [DataRow("{")]
    [DataRow("{\"resourceType\":\"Patient\"}")]
    [DataRow("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Composition\",\"type\":{\"coding\":[{\"system\":\"urn:oid:1.2.643.5.1.13.13.11.1522\",\"code\":\"5\"}]}}}]}")]
    public void GivenJsonWithoutKind_WhenKindRead_ThenNull(string json)
    {
        Assert.IsNull(FhirToSemdTranslators.KindOf(Encoding.UTF8.GetBytes(json)));
    }

    [TestMethod]
    public void GivenConsultationBundle_WhenTranslatedByRegistry_ThenTheConsultationTranslatorRendersIt()
    {
        var json = File.ReadAllBytes(ConsultationTranslationTests.PathOf("01"));

        var result = new FhirToSemdTranslators(Samples186.Catalog).Translate(json);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        CollectionAssert.AreEqual(ConsultationTranslationTests.Translator.Translate(json).Semd, result.Semd);
    }

    [TestMethod]
    public void GivenBundleOfUnsupportedKind_WhenTranslatedByRegistry_ThenWrongKind()
    {
        var json = Encoding.UTF8.GetString(File.ReadAllBytes(ConsultationTranslationTests.PathOf("01")))
            .Replace("\"code\": \"119\"", "\"code\": \"227\"", StringComparison.Ordinal);

        var result = new FhirToSemdTranslators(Samples186.Catalog).Translate(Encoding.UTF8.GetBytes(json));

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("TRN-006", result.Problems.Single().Code);
    }
}
