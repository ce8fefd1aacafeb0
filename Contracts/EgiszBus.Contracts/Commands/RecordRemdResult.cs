namespace EgiszBus.Contracts.Commands;

/// <summary>
/// Gateway → remd: REMD's asynchronous <c>registerDocumentResult</c> callback arrived (or a
/// <c>searchRegistryItem</c> answer stands in for it). Correlated by <paramref name="LocalUid"/>.
/// </summary>
public sealed record RecordRemdResult(
    string LocalUid,
    string? RelatesToMessageId,
    bool Success,
    string? EmdrId,
    IReadOnlyList<DocumentProblem> Errors,
    DateTimeOffset ReceivedAt);
