namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>
/// Keeps <see cref="DocumentStatus"/> per document. Updates only move forward: a final state
/// (<see cref="DocumentState.Registered"/>, <see cref="DocumentState.Rejected"/>, <see cref="DocumentState.Failed"/>)
/// is never replaced, and <see cref="DocumentState.SentToRemd"/> never replaces a final state, so events that
/// arrive out of order or twice leave the right answer.
/// </summary>
public interface IDocumentStatusStore
{
    /// <summary>Creates the status of a new document in state <see cref="DocumentState.Accepted"/> (no-op when it exists).</summary>
    Task CreateAsync(Guid documentId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>Moves a document forward; returns false when the update was ignored (older or unknown document).</summary>
    Task<bool> AdvanceAsync(Guid documentId, DocumentState state, DateTimeOffset at, string? kind = null, string? localUid = null,
        string? emdrId = null, IReadOnlyList<StatusProblem>? problems = null, CancellationToken cancellationToken = default);

    /// <summary>The status of a document, or null.</summary>
    Task<DocumentStatus?> GetAsync(Guid documentId, CancellationToken cancellationToken = default);

    /// <summary>All statuses, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DocumentStatus>> ListAsync(int limit = 1000, CancellationToken cancellationToken = default);
}
