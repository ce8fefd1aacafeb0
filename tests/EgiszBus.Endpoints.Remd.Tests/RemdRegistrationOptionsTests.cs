namespace EgiszBus.Endpoints.Remd.Tests;

[TestClass]
public sealed class RemdRegistrationOptionsTests
{
    [TestMethod]
    [DataRow(1, 2.0)]
    [DataRow(2, 4.0)]
    [DataRow(3, 8.0)]
    [DataRow(8, 256.0)]
    [DataRow(9, 300.0)]
    [DataRow(40, 300.0)]
    public void GivenCappedExponentialBackoff_WhenAttemptsGrow_ThenTheDelayDoublesUntilTheCap(int attempt, double expectedSeconds)
    {
        var options = new RemdRegistrationOptions { InitialDelay = TimeSpan.FromSeconds(2), Factor = 2, MaxDelay = TimeSpan.FromMinutes(5) };

        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), options.DelayAfter(attempt));
    }

    [TestMethod]
    public void GivenAFactorBelowOne_WhenComputingDelays_ThenTheDelayNeverShrinks()
    {
        var options = new RemdRegistrationOptions { InitialDelay = TimeSpan.FromSeconds(3), Factor = 0.5, MaxDelay = TimeSpan.FromMinutes(1) };

        Assert.AreEqual(TimeSpan.FromSeconds(3), options.DelayAfter(5));
    }
}
