using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Mis;

namespace EgiszBus.Adapters.Mis.Tests;

/// <summary>A prescription issued today is valid for weeks and its course runs into the future: those dates are legal.</summary>
[TestClass]
public sealed class PrescriptionFutureDatesTests
{
    [TestMethod]
    public void GivenAPrescriptionIssuedTodayValidForSixtyDays_WhenRead_ThenTheFutureValidityAndCourseDatesAreAccepted()
    {
        // The sample is issued 2025-03-25; the clock stands on that day, so validity and course end lie in the future.
        var clock = new FixedTime(new DateTimeOffset(2025, 3, 25, 12, 0, 0, TimeSpan.Zero));
        var document = JsonNode.Parse(MisSamples.Read("Json/Prescription-148-01.json"))!;
        document["validUntil"] = "2025-05-23";

        var result = new PrescriptionJsonToFhirTranslator(MisSamples.Profile, clock).Translate(Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenAValidityDateBeyond2100_WhenRead_ThenItIsOutOfRangeAtItsJsonPath()
    {
        var document = JsonNode.Parse(MisSamples.Read("Json/Prescription-148-01.json"))!;
        document["validUntil"] = "2101-01-01";

        var result = new PrescriptionJsonToFhirTranslator(MisSamples.Profile).Translate(Encoding.UTF8.GetBytes(document.ToJsonString()));

        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.DateOutOfRange && p.Location == "$.validUntil"), string.Join("; ", result.Problems));
    }
}
