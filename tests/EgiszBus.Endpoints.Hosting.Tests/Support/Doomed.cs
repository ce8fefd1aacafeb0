namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record Doomed(int N);
