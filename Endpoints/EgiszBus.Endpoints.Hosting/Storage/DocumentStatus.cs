namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>The read model of one document's progress.</summary>
public sealed record DocumentStatus(
    Guid DocumentId,
    DocumentState State,
    string? Kind,
    string? LocalUid,
    string? EmdrId,
    IReadOnlyList<StatusProblem> Problems,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);
