namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record LedgerEcho(string Key, int Handled);
