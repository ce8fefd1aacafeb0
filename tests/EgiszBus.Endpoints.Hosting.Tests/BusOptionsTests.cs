namespace EgiszBus.Endpoints.Hosting.Tests;

[TestClass]
public sealed class BusOptionsTests
{
    [TestMethod]
    public void GivenDefaults_WhenValidated_ThenNoErrors() => Assert.IsEmpty(new BusOptions().Validate());

    [TestMethod]
    public void GivenPostgreSqlWithoutConnectionString_WhenValidated_ThenTheErrorNamesTheKey()
    {
        var errors = new BusOptions { Transport = TransportKind.PostgreSql }.Validate();

        CollectionAssert.AreEqual(new[] { "Bus:PostgreSqlConnectionString is required when Bus:Transport is PostgreSql" }, errors.ToArray());
    }

    [TestMethod]
    [DataRow(0, 10, 5, "Bus:Workers")]
    [DataRow(1, 0, 5, "Bus:MaxParallelism")]
    [DataRow(1, 10, 0, "Bus:MaxDeliveryAttempts")]
    public void GivenOutOfRangeNumbers_WhenValidated_ThenTheErrorNamesTheKey(int workers, int parallelism, int attempts, string key)
    {
        var errors = new BusOptions { Workers = workers, MaxParallelism = parallelism, MaxDeliveryAttempts = attempts }.Validate();

        Assert.HasCount(1, errors);
        StringAssert.StartsWith(errors[0], key);
    }

    [TestMethod]
    public void GivenBackoffBounds_WhenExpanded_ThenDoublesUpToTheMaximum()
    {
        var times = new BusOptions { IdleBackoffMinMilliseconds = 10, IdleBackoffMaxMilliseconds = 250 }.IdleBackoffTimes();

        CollectionAssert.AreEqual(new[] { 10.0, 20, 40, 80, 160, 250 }, times.Select(t => t.TotalMilliseconds).ToArray());
    }
}
