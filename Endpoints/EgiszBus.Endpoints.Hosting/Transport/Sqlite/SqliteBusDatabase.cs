using Microsoft.Data.Sqlite;

namespace EgiszBus.Endpoints.Hosting.Transport.Sqlite;

/// <summary>
/// The embedded bus database (one SQLite file in WAL mode): queues, sagas and subscriptions. Opens pooled
/// connections with a busy timeout and creates the schema once. <c>synchronous=NORMAL</c> by default (a commit
/// survives a process crash; a power loss may undo the last commits, the file stays consistent) or <c>FULL</c>
/// (every commit survives a power loss; measured ~10x slower: ~190 vs ~2,100 msg/s draining a no-op handler).
/// </summary>
public sealed class SqliteBusDatabase
{
    private readonly string connectionString;
    private readonly string sessionSettings;

    /// <summary>Creates (if needed) the database file <paramref name="path"/> and its schema.</summary>
    public SqliteBusDatabase(string path, bool durableCommits = false)
    {
        sessionSettings = $"PRAGMA synchronous={(durableCommits ? "FULL" : "NORMAL")}; PRAGMA busy_timeout=60000;";
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS egb_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                queue TEXT NOT NULL,
                priority INTEGER NOT NULL DEFAULT 0,
                visible_at INTEGER NOT NULL,
                lease_token INTEGER NULL,
                delivery_count INTEGER NOT NULL DEFAULT 0,
                headers BLOB NOT NULL,
                body BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_egb_messages_receive ON egb_messages (queue, priority DESC, id);
            CREATE INDEX IF NOT EXISTS ix_egb_messages_visible ON egb_messages (queue, visible_at);
            CREATE TABLE IF NOT EXISTS egb_sagas (
                id TEXT PRIMARY KEY,
                saga_type TEXT NOT NULL,
                revision INTEGER NOT NULL,
                data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS egb_saga_index (
                saga_type TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                saga_id TEXT NOT NULL,
                PRIMARY KEY (saga_type, key, value));
            CREATE INDEX IF NOT EXISTS ix_egb_saga_index_saga ON egb_saga_index (saga_id);
            CREATE TABLE IF NOT EXISTS egb_subscriptions (
                topic TEXT NOT NULL,
                address TEXT NOT NULL,
                PRIMARY KEY (topic, address));
            """);
    }

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens a pooled connection with the session settings applied.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, sessionSettings);
        return connection;
    }

    /// <summary>Opens a connection asynchronously with the session settings applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, sessionSettings);
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
