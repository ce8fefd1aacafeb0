using Npgsql;
using NpgsqlTypes;

namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>Document statuses in PostgreSQL (table <c>egiszbus_document_status</c>, problems as jsonb).</summary>
public sealed class PostgreSqlDocumentStatusStore : IDocumentStatusStore
{
    private const string Columns = "document_id, state, kind, local_uid, emdr_id, problems::text, received_at, updated_at";
    private readonly NpgsqlDataSource dataSource;

    /// <summary>Creates the store and its table when missing.</summary>
    public PostgreSqlDocumentStatusStore(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS egiszbus_document_status (
                document_id uuid PRIMARY KEY,
                state integer NOT NULL,
                kind text NULL,
                local_uid text NULL,
                emdr_id text NULL,
                problems jsonb NOT NULL,
                received_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_egiszbus_document_status_received ON egiszbus_document_status (received_at DESC);
            """);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task CreateAsync(Guid documentId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO egiszbus_document_status (document_id, state, problems, received_at, updated_at)
            VALUES ($1, 0, '[]', $2, $2) ON CONFLICT DO NOTHING
            """);
        command.Parameters.AddWithValue(documentId);
        command.Parameters.AddWithValue(receivedAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AdvanceAsync(Guid documentId, DocumentState state, DateTimeOffset at, string? kind = null, string? localUid = null,
        string? emdrId = null, IReadOnlyList<StatusProblem>? problems = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE egiszbus_document_status SET
                state = $2,
                kind = coalesce($3, kind),
                local_uid = coalesce($4, local_uid),
                emdr_id = coalesce($5, emdr_id),
                problems = coalesce($6, problems),
                updated_at = $7
            WHERE document_id = $1 AND {StatusProblemsJson.ForwardOnly("$2")}
            """);
        command.Parameters.AddWithValue(documentId);
        command.Parameters.AddWithValue((int)state);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)kind ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)localUid ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)emdrId ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Jsonb,
            Value = problems is null ? DBNull.Value : StatusProblemsJson.Write(problems),
        });
        command.Parameters.AddWithValue(at.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<DocumentStatus?> GetAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM egiszbus_document_status WHERE document_id = $1");
        command.Parameters.AddWithValue(documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadStatus(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentStatus>> ListAsync(int limit = 1000, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM egiszbus_document_status ORDER BY received_at DESC, document_id LIMIT $1");
        command.Parameters.AddWithValue(Math.Max(0, limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DocumentStatus>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadStatus(reader));
        }

        return list;
    }

    private static DocumentStatus ReadStatus(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        (DocumentState)reader.GetInt32(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        StatusProblemsJson.Read(reader.GetString(5)),
        new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero),
        new DateTimeOffset(reader.GetDateTime(7), TimeSpan.Zero));
}
