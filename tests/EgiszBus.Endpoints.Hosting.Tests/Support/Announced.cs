namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record Announced(Guid Id);
