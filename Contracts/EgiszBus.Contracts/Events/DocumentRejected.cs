namespace EgiszBus.Contracts.Events;

/// <summary>Documents → gateway: the document cannot be forwarded; the problems say what and where.</summary>
public sealed record DocumentRejected(Guid DocumentId, IReadOnlyList<DocumentProblem> Problems, DateTimeOffset RejectedAt);
