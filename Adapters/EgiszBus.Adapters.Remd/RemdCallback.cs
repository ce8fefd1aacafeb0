namespace EgiszBus.Adapters.Remd;

/// <summary>A parsed <c>registerDocumentResult</c> callback.</summary>
public sealed record RemdCallback(
    string? RelatesToMessageId,
    string? LocalUid,
    bool Success,
    string? EmdrId,
    DateTimeOffset? RegistrationDateTime,
    IReadOnlyList<RemdError> Errors);
