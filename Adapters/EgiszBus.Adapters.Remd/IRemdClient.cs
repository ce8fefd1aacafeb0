namespace EgiszBus.Adapters.Remd;

/// <summary>
/// A thin client of REMD's SOAP 1.2 service: builds the request, sends it, and types the answer as
/// accepted / retryable / rejected. It never decides what happens next (the saga does) and never parses SEMD.
/// </summary>
public interface IRemdClient
{
    /// <summary><c>registerDocument</c>: REMD answers synchronously that it took the request; the result comes by callback.</summary>
    Task<RemdCallResult> RegisterDocumentAsync(RemdRegistrationRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>searchRegistryItem</c> by <c>localUid</c>: whether REMD has registered that document instance.</summary>
    Task<RemdSearchResult> SearchRegistryItemAsync(string localUid, CancellationToken cancellationToken = default);
}
