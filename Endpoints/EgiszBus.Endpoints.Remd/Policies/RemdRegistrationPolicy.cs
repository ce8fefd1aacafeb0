using EgiszBus.Adapters.Remd;
using EgiszBus.Contracts;
using EgiszBus.Contracts.Commands;
using EgiszBus.Contracts.Events;
using EgiszBus.Endpoints.Hosting.Storage;
using EgiszBus.Endpoints.Remd.Messages;
using Microsoft.Extensions.Logging;
using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;
using Rebus.Sagas.Idempotent;

namespace EgiszBus.Endpoints.Remd.Policies;

/// <summary>
/// Gets one document registered in REMD: register → wait for the callback → Registered | Rejected | Failed.
/// Every decision lives here:
/// <list type="bullet">
/// <item>technical failures (network, 5xx, RATE_LIMIT, timeouts) → <see cref="RemdRetryDue"/> after capped exponential back-off, until the deadline;</item>
/// <item>data and signature errors → Rejected with REMD's codes;</item>
/// <item>NOT_UNIQUE_PROVIDED_ID / DUPLICATE_REQUEST → REMD already has this localUid (an earlier attempt whose answer was lost):
/// never register again, look it up with searchRegistryItem instead;</item>
/// <item>no callback within the callback timeout → <see cref="RemdResultCheckDue"/> → searchRegistryItem, repeated with back-off until the deadline.</item>
/// </list>
/// Final sagas are kept (not completed) so that late or duplicate callbacks and redelivered events find them and are ignored,
/// and a resubmission of an already registered document gets the known answer.
/// The policy is an <see cref="IdempotentSaga{TSagaData}"/>: saga data and outgoing messages are not committed together, so a
/// crash after the saga was saved but before its events and timeouts left would otherwise strand the document (its redelivered
/// message is "already handled"); Rebus keeps each handled message's outgoing messages in the saga data and re-sends them.
/// </summary>
public sealed class RemdRegistrationPolicy(
    IBus bus,
    IRemdClient remd,
    IDocumentStore documents,
    RemdRegistrationOptions options,
    TimeProvider time,
    ILogger<RemdRegistrationPolicy> logger)
    : IdempotentSaga<RemdRegistrationPolicyData>,
        IAmInitiatedBy<DocumentAccepted>,
        IAmInitiatedBy<RecordRemdResult>,
        IHandleMessages<RemdRetryDue>,
        IHandleMessages<RemdResultCheckDue>
{
    /// <inheritdoc />
    protected override void CorrelateMessages(ICorrelationConfig<RemdRegistrationPolicyData> config)
    {
        config.Correlate<DocumentAccepted>(m => m.LocalUid, d => d.LocalUid);
        config.Correlate<RecordRemdResult>(m => m.LocalUid, d => d.LocalUid);
        config.Correlate<RemdRetryDue>(m => m.LocalUid, d => d.LocalUid);
        config.Correlate<RemdResultCheckDue>(m => m.LocalUid, d => d.LocalUid);
    }

    /// <summary>A document was accepted by the hub: register it (or answer a resubmission from what is known).</summary>
    public async Task Handle(DocumentAccepted message)
    {
        var isResubmission = !IsNew && Data.DocumentId != Guid.Empty && Data.DocumentId != message.DocumentId;
        if (!IsNew && Data.DocumentId == message.DocumentId)
        {
            return; // redelivered event: already being handled
        }

        Data.LocalUid = message.LocalUid;
        Data.DocumentId = message.DocumentId;
        Data.Kind = message.Kind;
        Data.SemdRef = message.SemdRef;
        Data.Facts = message.Facts;

        switch (Data.State)
        {
            case RemdRegistrationState.Registered or RemdRegistrationState.Rejected or RemdRegistrationState.Failed when isResubmission:
                logger.LogInformation("Document {DocumentId} repeats localUid {LocalUid}, already {State}", message.DocumentId, message.LocalUid, Data.State);
                await PublishFinal();
                return;
            case RemdRegistrationState.ResultArrivedEarly:
                await ApplyResult(Data.EarlySuccess == true, Data.EmdrId, Data.Problems);
                return;
            case RemdRegistrationState.AwaitingResult when isResubmission:
                await bus.Publish(new DocumentSentToRemd(Data.DocumentId, Data.LocalUid, time.GetUtcNow()));
                return;
        }

        Data.State = RemdRegistrationState.Registering;
        await Register();
    }

    /// <summary>REMD's asynchronous result (callback, or a search answer relayed as one).</summary>
    public async Task Handle(RecordRemdResult message)
    {
        if (IsNew)
        {
            // The callback overtook the commit of the saga that sent the request; keep it for when the document arrives.
            Data.LocalUid = message.LocalUid;
            Data.State = RemdRegistrationState.ResultArrivedEarly;
            Data.EarlySuccess = message.Success;
            Data.EmdrId = message.EmdrId;
            Data.Problems = [.. message.Errors];
            return;
        }

        if (Data.State is not (RemdRegistrationState.AwaitingResult or RemdRegistrationState.Registering))
        {
            return; // duplicate or late callback
        }

        await ApplyResult(message.Success, message.EmdrId, message.Errors);
    }

    /// <summary>Back-off elapsed: try registerDocument again.</summary>
    public async Task Handle(RemdRetryDue message)
    {
        if (Data.State != RemdRegistrationState.Registering || message.Attempt != Data.Attempts + 1)
        {
            return; // stale timeout
        }

        await Register();
    }

    /// <summary>No callback yet: ask REMD whether the document is registered.</summary>
    public async Task Handle(RemdResultCheckDue message)
    {
        if (Data.State != RemdRegistrationState.AwaitingResult || message.Check != Data.Checks)
        {
            return; // stale timeout
        }

        var found = await remd.SearchRegistryItemAsync(Data.LocalUid);
        if (found.Outcome == RemdOutcome.Accepted && found.Found && found.EmdrId is not null)
        {
            logger.LogInformation("Document {DocumentId}: callback missing, searchRegistryItem found it", Data.DocumentId);
            await MarkRegistered(found.EmdrId);
            return;
        }

        if (found.Outcome == RemdOutcome.Retryable)
        {
            Data.LastFailure = found.Detail ?? string.Join(", ", found.Errors.Select(e => e.Code));
        }

        await ScheduleCheck();
    }

    private async Task Register()
    {
        var now = time.GetUtcNow();
        Data.FirstAttemptAt ??= now;
        Data.Attempts++;
        var result = await remd.RegisterDocumentAsync(await BuildRequest());
        Data.LastMessageId = result.MessageId;
        switch (result.Outcome)
        {
            case RemdOutcome.Accepted:
                Data.State = RemdRegistrationState.AwaitingResult;
                await bus.Publish(new DocumentSentToRemd(Data.DocumentId, Data.LocalUid, now));
                await ScheduleCheck();
                return;

            case RemdOutcome.Rejected when result.IsDuplicate:
                // REMD has this localUid already: an earlier attempt went through although its answer was lost.
                logger.LogInformation("Document {DocumentId}: REMD already has localUid {LocalUid}; looking it up instead of registering again",
                    Data.DocumentId, Data.LocalUid);
                Data.State = RemdRegistrationState.AwaitingResult;
                await bus.Publish(new DocumentSentToRemd(Data.DocumentId, Data.LocalUid, now));
                Data.Checks++;
                await Handle(new RemdResultCheckDue(Data.LocalUid, Data.Checks));
                return;

            case RemdOutcome.Rejected:
                await MarkRejected(result.Errors.Select(e => new DocumentProblem(e.Code, e.Message)).ToList());
                return;

            default:
                Data.LastFailure = result.Detail ?? string.Join(", ", result.Errors.Select(e => e.Code));
                logger.LogWarning("Document {DocumentId}: registerDocument attempt {Attempt} failed technically ({Failure})",
                    Data.DocumentId, Data.Attempts, Data.LastFailure);
                if (await GiveUpIfPastDeadline())
                {
                    return;
                }

                await bus.DeferLocal(options.DelayAfter(Data.Attempts), new RemdRetryDue(Data.LocalUid, Data.Attempts + 1));
                return;
        }
    }

    private async Task ApplyResult(bool success, string? emdrId, IReadOnlyList<DocumentProblem> errors)
    {
        if (success && emdrId is not null)
        {
            await MarkRegistered(emdrId);
            return;
        }

        if (errors.Count > 0 && errors.All(e => RemdErrorClassifier.IsRetryable(e.Code)))
        {
            // REMD failed asynchronously for a technical reason (e.g. it could not fetch the file): register again later.
            Data.State = RemdRegistrationState.Registering;
            Data.LastFailure = string.Join(", ", errors.Select(e => e.Code));
            if (!await GiveUpIfPastDeadline())
            {
                await bus.DeferLocal(options.DelayAfter(Math.Max(1, Data.Attempts)), new RemdRetryDue(Data.LocalUid, Data.Attempts + 1));
            }

            return;
        }

        await MarkRejected(errors.Count > 0 ? [.. errors] : [new DocumentProblem("REMD_UNKNOWN_ERROR", "REMD reported an error without a code")]);
    }

    private async Task ScheduleCheck()
    {
        if (await GiveUpIfPastDeadline())
        {
            return;
        }

        Data.Checks++;
        var delay = Data.Checks == 1 ? options.CallbackTimeout : Max(options.CallbackTimeout, options.DelayAfter(Data.Checks - 1));
        await bus.DeferLocal(delay, new RemdResultCheckDue(Data.LocalUid, Data.Checks));
    }

    private async Task<bool> GiveUpIfPastDeadline()
    {
        if (Data.FirstAttemptAt is { } first && time.GetUtcNow() - first > options.Deadline)
        {
            Data.State = RemdRegistrationState.Failed;
            var reason = $"REMD did not confirm registration within {options.Deadline}; last failure: {Data.LastFailure ?? "none"}";
            logger.LogError("Document {DocumentId}: registration failed: {Reason}", Data.DocumentId, reason);
            await bus.Publish(new DocumentRegistrationFailed(Data.DocumentId, Data.LocalUid, reason, time.GetUtcNow()));
            return true;
        }

        return false;
    }

    private async Task MarkRegistered(string emdrId)
    {
        Data.State = RemdRegistrationState.Registered;
        Data.EmdrId = emdrId;
        logger.LogInformation("Document {DocumentId} registered in REMD as {EmdrId}", Data.DocumentId, emdrId);
        await PublishFinal();
    }

    private async Task MarkRejected(List<DocumentProblem> problems)
    {
        Data.State = RemdRegistrationState.Rejected;
        Data.Problems = problems;
        logger.LogWarning("Document {DocumentId} rejected by REMD: {Codes}", Data.DocumentId, string.Join(", ", problems.Select(p => p.Code)));
        await PublishFinal();
    }

    private Task PublishFinal() => Data.State switch
    {
        RemdRegistrationState.Registered => bus.Publish(new DocumentRegistered(Data.DocumentId, Data.LocalUid, Data.EmdrId!, time.GetUtcNow())),
        RemdRegistrationState.Rejected => bus.Publish(new DocumentRegistrationRejected(Data.DocumentId, Data.LocalUid, Data.Problems, time.GetUtcNow())),
        _ => bus.Publish(new DocumentRegistrationFailed(Data.DocumentId, Data.LocalUid, Data.LastFailure ?? "failed", time.GetUtcNow())),
    };

    private async Task<RemdRegistrationRequest> BuildRequest()
    {
        var facts = Data.Facts ?? throw new InvalidOperationException($"saga {Data.LocalUid} has no document facts");
        var semd = await documents.GetAsync(Data.SemdRef);
        var signers = new List<RemdSigner>();
        foreach (var signer in facts.Signers)
        {
            signers.Add(new RemdSigner(signer.RoleCode, signer.Snils, signer.PositionCode, signer.PositionName,
                await documents.GetAsync(signer.SignatureRef)));
        }

        var patient = facts.Patient;
        return new RemdRegistrationRequest(
            Data.LocalUid, facts.DocumentNumber, Data.Kind, facts.OrganizationOid, facts.DepartmentOid, facts.CreatedAt,
            new RemdPatient(patient.Snils, patient.Family, patient.Given, patient.Patronymic, patient.BirthDate, patient.GenderCode),
            signers, semd);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
