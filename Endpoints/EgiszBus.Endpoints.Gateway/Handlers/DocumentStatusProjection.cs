using EgiszBus.Contracts;
using EgiszBus.Contracts.Events;
using EgiszBus.Endpoints.Hosting.Storage;
using Rebus.Handlers;

namespace EgiszBus.Endpoints.Gateway.Handlers;

/// <summary>
/// Keeps the status an MIS reads at <c>GET /api/v1/documents/{id}</c> in step with the events of the flow.
/// The store only moves forward, so redelivered or reordered events leave the right answer.
/// </summary>
public sealed class DocumentStatusProjection(IDocumentStatusStore statuses) :
    IHandleMessages<DocumentAccepted>,
    IHandleMessages<DocumentRejected>,
    IHandleMessages<DocumentSentToRemd>,
    IHandleMessages<DocumentRegistered>,
    IHandleMessages<DocumentRegistrationRejected>,
    IHandleMessages<DocumentRegistrationFailed>
{
    /// <inheritdoc />
    public Task Handle(DocumentAccepted message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.Accepted, message.AcceptedAt, kind: message.Kind, localUid: message.LocalUid);

    /// <inheritdoc />
    public Task Handle(DocumentRejected message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.Rejected, message.RejectedAt, problems: Map(message.Problems));

    /// <inheritdoc />
    public Task Handle(DocumentSentToRemd message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.SentToRemd, message.SentAt, localUid: message.LocalUid);

    /// <inheritdoc />
    public Task Handle(DocumentRegistered message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.Registered, message.RegisteredAt, localUid: message.LocalUid, emdrId: message.EmdrId);

    /// <inheritdoc />
    public Task Handle(DocumentRegistrationRejected message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.Rejected, message.RejectedAt, localUid: message.LocalUid, problems: Map(message.Problems));

    /// <inheritdoc />
    public Task Handle(DocumentRegistrationFailed message) =>
        statuses.AdvanceAsync(message.DocumentId, DocumentState.Failed, message.FailedAt, localUid: message.LocalUid,
            problems: [new StatusProblem("REMD_REGISTRATION_FAILED", message.Reason, null)]);

    private static List<StatusProblem> Map(IEnumerable<DocumentProblem> problems) =>
        problems.Select(p => new StatusProblem(p.Code, p.Message, p.Location)).ToList();
}
