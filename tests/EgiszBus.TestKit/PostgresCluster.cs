using Npgsql;

namespace EgiszBus.TestKit;

/// <summary>
/// A throwaway PostgreSQL cluster for a test run: Debian's binaries (installed with apt-get when missing),
/// <c>initdb</c> in a temporary folder owned by the <c>postgres</c> user when running as root, a free loopback port,
/// and <c>pg_ctl stop</c> + folder removal on dispose. One cluster per test assembly; one database per test class.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string SuperUser = "egb";
    private static readonly object Gate = new();
    private static PostgresCluster? shared;
    private readonly string directory;
    private readonly string binaries;
    private readonly bool asPostgresUser;
    private int databaseCounter;

    private PostgresCluster(string directory, string binaries, bool asPostgresUser, int port)
    {
        this.directory = directory;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The shared cluster of this test assembly, started on first use and stopped at process exit.</summary>
    public static PostgresCluster Shared
    {
        get
        {
            lock (Gate)
            {
                if (shared is null)
                {
                    shared = Start();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => shared.Dispose();
                }

                return shared;
            }
        }
    }

    /// <summary>A connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database};Maximum Pool Size=30;Timeout=30;Command Timeout=60";

    /// <summary>Creates a fresh database with a unique name and returns its connection string.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{new string(prefix.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(40).ToArray())}_{Interlocked.Increment(ref databaseCounter)}_{Environment.ProcessId}";
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    /// <summary>Starts a new cluster.</summary>
    public static PostgresCluster Start()
    {
        var binaries = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "egiszbus-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            ProcessRunner.RunChecked("chown", ["-R", "postgres:postgres", directory]);
        }

        var port = FreePort.Next();
        var cluster = new PostgresCluster(directory, binaries, asPostgresUser, port);
        cluster.Pg("initdb", "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.Pg("pg_ctl", "-D", Path.Combine(directory, "data"), "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB",
            "-l", Path.Combine(directory, "log"), "-w", "-t", "60", "start");
        return cluster;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Pg("pg_ctl", "-D", Path.Combine(directory, "data"), "-m", "fast", "-w", "stop");
        }
        catch (Exception)
        {
            // The server may already be gone; the folder is removed anyway.
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Pg(string tool, params string[] arguments)
    {
        var executable = Path.Combine(binaries, tool);
        if (asPostgresUser)
        {
            ProcessRunner.RunChecked("runuser", ["-u", "postgres", "--", executable, .. arguments], TimeSpan.FromMinutes(2));
        }
        else
        {
            ProcessRunner.RunChecked(executable, arguments, TimeSpan.FromMinutes(2));
        }
    }

    private static string FindBinaries()
    {
        string? Find() => Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

        var found = Find();
        if (found is null)
        {
            ProcessRunner.RunChecked("apt-get", ["install", "-y", "-q", "postgresql"], TimeSpan.FromMinutes(10),
                new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
            found = Find() ?? throw new InvalidOperationException("PostgreSQL binaries not found after apt-get install postgresql");
        }

        return found;
    }
}
