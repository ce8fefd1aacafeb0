namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record Fallout(int N);
