namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>A message type deliberately left out of every wire-name table.</summary>
public sealed record Unnamed;
