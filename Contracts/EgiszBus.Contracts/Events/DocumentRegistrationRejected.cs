namespace EgiszBus.Contracts.Events;

/// <summary>Remd → anyone: REMD refused the document for data or signature reasons (its codes are kept).</summary>
public sealed record DocumentRegistrationRejected(
    Guid DocumentId,
    string LocalUid,
    IReadOnlyList<DocumentProblem> Problems,
    DateTimeOffset RejectedAt);
