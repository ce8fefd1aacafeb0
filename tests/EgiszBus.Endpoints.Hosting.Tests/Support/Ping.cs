namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record Ping(int N);
