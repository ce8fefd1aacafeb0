namespace EgiszBus.Endpoints.Gateway.Api;

/// <summary>The answer of <c>GET /api/v1/documents/{id}</c>.</summary>
public sealed record StatusAnswer(
    Guid Id,
    string State,
    string? Kind,
    string? LocalUid,
    string? EmdrId,
    IReadOnlyList<ProblemItem> Problems,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);
