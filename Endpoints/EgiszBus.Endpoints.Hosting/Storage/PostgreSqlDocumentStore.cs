using System.Security.Cryptography;
using Npgsql;

namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>Claim check in PostgreSQL: table <c>egiszbus_documents(ref text primary key, content bytea, created_at)</c>.</summary>
public sealed class PostgreSqlDocumentStore : IDocumentStore
{
    private readonly NpgsqlDataSource dataSource;
    private readonly TimeProvider time;

    /// <summary>Creates the store and its table when missing.</summary>
    public PostgreSqlDocumentStore(NpgsqlDataSource dataSource, TimeProvider? time = null)
    {
        this.dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        this.time = time ?? TimeProvider.System;
        using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS egiszbus_documents (
                ref text PRIMARY KEY,
                content bytea NOT NULL,
                created_at timestamptz NOT NULL)
            """);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var reference = DocumentReference.Prefix + Convert.ToHexStringLower(SHA256.HashData(content.Span));
        await using var command = dataSource.CreateCommand(
            "INSERT INTO egiszbus_documents (ref, content, created_at) VALUES ($1, $2, $3) ON CONFLICT (ref) DO NOTHING");
        command.Parameters.AddWithValue(reference);
        command.Parameters.AddWithValue(content.ToArray());
        command.Parameters.AddWithValue(time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return reference;
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        DocumentReference.Hex(reference);
        await using var command = dataSource.CreateCommand("SELECT content FROM egiszbus_documents WHERE ref = $1");
        command.Parameters.AddWithValue(reference);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
            ?? throw new KeyNotFoundException($"Document {reference} is not in the document store");
    }
}
