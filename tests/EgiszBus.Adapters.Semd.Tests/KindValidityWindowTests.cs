using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class KindValidityWindowTests
{
    [TestMethod]
    public void GivenADocumentDatedInsideItsKindsWindow_WhenTranslatedThroughTheRegistry_ThenItSucceeds()
    {
        var result = new FhirToSemdTranslators(Samples186.Catalog).Translate(Samples186.Read("01"));

        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenALaboratoryProtocolDatedBeforeKind186CameIntoForce_WhenTranslated_ThenTRN206NamesTheWindow()
    {
        // Kind 186 (laboratory protocol, revision 5) is in force from 28.08.2023 (FNSI 1520).
        var bundle = JsonNode.Parse(Samples186.Read("01"))!.AsObject();
        var composition = bundle["entry"]![0]!["resource"]!.AsObject();
        composition["date"] = "2023-08-27T10:00:00+03:00";

        var result = new FhirToSemdTranslators(Samples186.Catalog).Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        var problem = result.Problems.Single(p => p.Code == TranslationErrorCodes.KindNotInForce);
        StringAssert.Contains(problem.Message, "28.08.2023");
        Assert.AreEqual("Bundle.entry[0].resource.date", problem.Location);
        Assert.IsNull(result.Semd);
    }
}
