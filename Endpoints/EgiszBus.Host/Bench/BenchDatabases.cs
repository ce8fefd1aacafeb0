using System.Globalization;
using Npgsql;

namespace EgiszBus.Host.Bench;

/// <summary>
/// The two fresh databases of one bench run (<c>egiszbus_bench_{timestamp}_noop</c> and <c>…_flow</c>), created through
/// the maintenance database of the given server and dropped on dispose unless kept.
/// </summary>
internal sealed class BenchDatabases : IAsyncDisposable
{
    private readonly string maintenance;
    private readonly bool keep;
    private readonly List<string> created = [];

    private BenchDatabases(string maintenance, bool keep, string prefix)
    {
        this.maintenance = maintenance;
        this.keep = keep;
        Prefix = prefix;
    }

    /// <summary>The common name prefix, <c>egiszbus_bench_{yyyyMMddHHmmss}</c>.</summary>
    public string Prefix { get; }

    /// <summary>Connection string of the baseline's database.</summary>
    public string NoopConnectionString { get; private set; } = "";

    /// <summary>Connection string of the hub's database.</summary>
    public string FlowConnectionString { get; private set; } = "";

    /// <summary>Where the server is (host:port/database), without credentials, for the report.</summary>
    public string ServerDisplay { get; private set; } = "";

    /// <summary>Creates both databases; the maintenance database is the one named in the string, else <c>postgres</c>.</summary>
    public static async Task<BenchDatabases> CreateAsync(string connectionString, bool keep, TimeProvider time, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        var prefix = "egiszbus_bench_" + time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var databases = new BenchDatabases(builder.ConnectionString, keep, prefix)
        {
            ServerDisplay = $"{builder.Host}:{builder.Port}",
        };
        try
        {
            databases.NoopConnectionString = await databases.CreateOneAsync(builder, prefix + "_noop", cancellationToken);
            databases.FlowConnectionString = await databases.CreateOneAsync(builder, prefix + "_flow", cancellationToken);
        }
        catch
        {
            await databases.DisposeAsync();
            throw;
        }

        return databases;
    }

    /// <summary>
    /// Rows ever inserted into the bus queue table <paramref name="table"/> (its id sequence's last value): every sent,
    /// published (one row per subscriber) or deferred message is one row. 0 before the table exists.
    /// </summary>
    public static async Task<long> MessagesInsertedAsync(string connectionString, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var find = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, 'id')", connection);
        find.Parameters.AddWithValue("table", table);
        string? sequence;
        try
        {
            sequence = await find.ExecuteScalarAsync(cancellationToken) as string;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }

        if (sequence is null)
        {
            throw new InvalidOperationException($"the bus table {table} has no id sequence: cannot count its messages");
        }

        await using var read = new NpgsqlCommand($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}", connection);
        return Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the databases (unless kept).</summary>
    public async ValueTask DisposeAsync()
    {
        if (keep || created.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync();
        foreach (var name in created)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        created.Clear();
    }

    private async Task<string> CreateOneAsync(NpgsqlConnectionStringBuilder server, string name, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(maintenance))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        created.Add(name);
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }
}
