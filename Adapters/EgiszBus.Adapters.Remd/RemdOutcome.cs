namespace EgiszBus.Adapters.Remd;

/// <summary>How a REMD call ended, as far as the caller's next step is concerned.</summary>
public enum RemdOutcome
{
    /// <summary>REMD took the request (registerDocument) or answered the question (search).</summary>
    Accepted,

    /// <summary>A technical failure worth retrying: network, timeout, HTTP 5xx, RATE_LIMIT, INTERNAL_ERROR…</summary>
    Retryable,

    /// <summary>REMD refused the request for data or signature reasons; retrying will not help.</summary>
    Rejected,
}
