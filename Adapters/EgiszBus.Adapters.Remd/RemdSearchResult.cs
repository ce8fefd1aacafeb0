namespace EgiszBus.Adapters.Remd;

/// <summary>The typed answer to <c>searchRegistryItem</c> by localUid.</summary>
/// <param name="Outcome">Accepted when REMD answered (found or not); Retryable/Rejected otherwise.</param>
/// <param name="Found">True when a registry item with the localUid exists.</param>
/// <param name="EmdrId">Its registry number when found.</param>
/// <param name="Errors">REMD's errors, if any.</param>
/// <param name="Detail">Technical description when there is no REMD code.</param>
public sealed record RemdSearchResult(RemdOutcome Outcome, bool Found, string? EmdrId, IReadOnlyList<RemdError> Errors, string? Detail = null)
{
    /// <summary>When REMD registered the item (when found and REMD said so).</summary>
    public DateTimeOffset? RegistrationDateTime { get; init; }
}
