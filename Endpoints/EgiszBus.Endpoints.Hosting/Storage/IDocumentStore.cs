namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>
/// Claim check for document bytes: content-addressed by SHA-256, so storing the same bytes twice is harmless
/// (handlers are idempotent). Files under the data directory in embedded mode, a table in PostgreSQL mode.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores <paramref name="content"/> and returns its reference, <c>sha256:{hex}</c>.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Returns the bytes stored under <paramref name="reference"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    Task<byte[]> GetAsync(string reference, CancellationToken cancellationToken = default);
}
