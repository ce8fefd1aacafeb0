namespace EgiszBus.Adapters.Remd;

/// <summary>The typed answer to <c>registerDocument</c>.</summary>
/// <param name="Outcome">What to do next.</param>
/// <param name="MessageId">The WS-Addressing MessageID the request was sent with (callbacks relate to it).</param>
/// <param name="Errors">REMD's errors (rejected, or a coded retryable error such as RATE_LIMIT).</param>
/// <param name="Detail">A short technical description for logs when there is no REMD code (e.g. "HTTP 503", "timeout").</param>
public sealed record RemdCallResult(RemdOutcome Outcome, string MessageId, IReadOnlyList<RemdError> Errors, string? Detail = null)
{
    /// <summary>True when REMD says the localUid was registered before (NOT_UNIQUE_PROVIDED_ID / DUPLICATE_REQUEST).</summary>
    public bool IsDuplicate => Errors.Any(e => e.Code is "NOT_UNIQUE_PROVIDED_ID" or "DUPLICATE_REQUEST");
}
