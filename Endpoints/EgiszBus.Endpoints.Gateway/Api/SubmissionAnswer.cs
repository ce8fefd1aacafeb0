namespace EgiszBus.Endpoints.Gateway.Api;

/// <summary>The 202 answer to a submission.</summary>
public sealed record SubmissionAnswer(Guid Id, string State, string StatusUrl);
