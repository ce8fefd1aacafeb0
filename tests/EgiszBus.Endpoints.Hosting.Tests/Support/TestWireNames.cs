namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public static class TestWireNames
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(Ping)] = "test.ping.v1",
        [typeof(Doomed)] = "test.doomed.v1",
        [typeof(Fallout)] = "test.fallout.v1",
        [typeof(Announced)] = "test.announced.v1",
        [typeof(RaceMessage)] = "test.race.v1",
        [typeof(LedgerEntry)] = "test.ledger-entry.v1",
        [typeof(LedgerEcho)] = "test.ledger-echo.v1",
    };
}
