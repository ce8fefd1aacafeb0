namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>A coded problem kept with a document's status.</summary>
public sealed record StatusProblem(string Code, string Message, string? Location);
