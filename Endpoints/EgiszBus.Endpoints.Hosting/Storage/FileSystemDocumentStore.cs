using System.Security.Cryptography;

namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>
/// Embedded claim check: files under <c>{root}/ab/abcdef…</c> named by the SHA-256 of their bytes, written to a
/// temporary file in the same folder and moved into place atomically (a reader never sees a partial file).
/// </summary>
public sealed class FileSystemDocumentStore : IDocumentStore
{
    private readonly string root;

    /// <summary>Creates the store over <paramref name="root"/> (created when missing).</summary>
    public FileSystemDocumentStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
    }

    /// <inheritdoc />
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var path = PathOf(hex);
        if (File.Exists(path))
        {
            return DocumentReference.Prefix + hex;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // Same bytes under the same name: whoever wins the race, the file is right.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return DocumentReference.Prefix + hex;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        var path = PathOf(DocumentReference.Hex(reference));
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyNotFoundException($"Document {reference} is not in the document store", exception);
        }
    }

    private string PathOf(string hex) => Path.Combine(root, hex[..2], hex);
}
