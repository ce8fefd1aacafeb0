using Microsoft.Data.Sqlite;

namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>Document statuses in an embedded SQLite database (table <c>egiszbus_document_status</c>).</summary>
public sealed class SqliteDocumentStatusStore : IDocumentStatusStore
{
    private const string Columns = "document_id, state, kind, local_uid, emdr_id, problems, received_at, updated_at";
    private readonly string connectionString;

    /// <summary>Opens (creating when missing) the database file <paramref name="path"/> and its table.</summary>
    public SqliteDocumentStatusStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 60 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS egiszbus_document_status (
                document_id TEXT PRIMARY KEY,
                state INTEGER NOT NULL,
                kind TEXT NULL,
                local_uid TEXT NULL,
                emdr_id TEXT NULL,
                problems TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_egiszbus_document_status_received ON egiszbus_document_status (received_at DESC);
            """;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public Task CreateAsync(Guid documentId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO egiszbus_document_status (document_id, state, problems, received_at, updated_at)
            VALUES ($id, 0, '[]', $at, $at) ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", documentId.ToString("D"));
        command.Parameters.AddWithValue("$at", receivedAt.ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> AdvanceAsync(Guid documentId, DocumentState state, DateTimeOffset at, string? kind = null, string? localUid = null,
        string? emdrId = null, IReadOnlyList<StatusProblem>? problems = null, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE egiszbus_document_status SET
                state = $state,
                kind = coalesce($kind, kind),
                local_uid = coalesce($localUid, local_uid),
                emdr_id = coalesce($emdrId, emdr_id),
                problems = coalesce($problems, problems),
                updated_at = $at
            WHERE document_id = $id AND {StatusProblemsJson.ForwardOnly("$state")}
            """;
        command.Parameters.AddWithValue("$id", documentId.ToString("D"));
        command.Parameters.AddWithValue("$state", (int)state);
        command.Parameters.AddWithValue("$kind", (object?)kind ?? DBNull.Value);
        command.Parameters.AddWithValue("$localUid", (object?)localUid ?? DBNull.Value);
        command.Parameters.AddWithValue("$emdrId", (object?)emdrId ?? DBNull.Value);
        command.Parameters.AddWithValue("$problems", problems is null ? DBNull.Value : StatusProblemsJson.Write(problems));
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    /// <inheritdoc />
    public Task<DocumentStatus?> GetAsync(Guid documentId, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM egiszbus_document_status WHERE document_id = $id";
        command.Parameters.AddWithValue("$id", documentId.ToString("D"));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadStatus(reader) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentStatus>> ListAsync(int limit = 1000, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM egiszbus_document_status ORDER BY received_at DESC, document_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        using var reader = command.ExecuteReader();
        var list = new List<DocumentStatus>();
        while (reader.Read())
        {
            list.Add(ReadStatus(reader));
        }

        return Task.FromResult<IReadOnlyList<DocumentStatus>>(list);
    }

    private static DocumentStatus ReadStatus(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        (DocumentState)reader.GetInt32(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        StatusProblemsJson.Read(reader.GetString(5)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=60000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
