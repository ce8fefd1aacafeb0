namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record LedgerEntry(string Key);
