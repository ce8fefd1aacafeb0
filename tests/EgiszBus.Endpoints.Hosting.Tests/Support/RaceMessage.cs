namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record RaceMessage(string Key, int N);
