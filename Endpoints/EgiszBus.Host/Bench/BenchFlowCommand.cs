using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace EgiszBus.Host.Bench;

/// <summary>
/// <c>egiszbus bench flow</c>: end-to-end throughput of the hub on PostgreSQL next to a no-op Rebus baseline, in two
/// fresh databases of the same server, in one run. Exit codes: 0 ok, 1 setup error, 2 a document did not end
/// Registered (or REMD did not register every localUid exactly once).
/// </summary>
public static class BenchFlowCommand
{
    /// <summary>Exit code when every document ended Registered.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a setup error (arguments, settings, database, start-up).</summary>
    public const int SetupError = 1;

    /// <summary>Exit code when a document did not end Registered or the REMD ledger check failed.</summary>
    public const int NotRegistered = 2;

    /// <summary>The <c>flow</c> command (wire it under <c>bench</c>). Extra <c>--Section:Key=value</c> tokens are settings.</summary>
    public static Command Create()
    {
        var connection = new Option<string>("--connection-string")
        {
            Description = "PostgreSQL server to use (its maintenance database): the bench creates egiszbus_bench_<timestamp>_noop and _flow in it",
            Required = true,
        };
        var documents = new Option<int>("--documents") { Description = "Documents of the flow run", DefaultValueFactory = _ => 1000 };
        var messages = new Option<int>("--messages") { Description = "Messages of the no-op baseline", DefaultValueFactory = _ => 5000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Parallel HTTP submits", DefaultValueFactory = _ => 8 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a table" };
        var keep = new Option<bool>("--keep") { Description = "Keep the two databases afterwards" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "Longest wait for each run",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(10),
        };

        var command = new Command("flow", "Throughput of the whole flow on PostgreSQL (documents/s) next to a no-op Rebus baseline (messages/s)")
        {
            connection, documents, messages, concurrency, json, keep, timeout,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancel) => RunAsync(
            HostConfiguration.Build(parse.UnmatchedTokens.ToArray()),
            new BenchFlowArguments(parse.GetValue(connection)!, parse.GetValue(documents), parse.GetValue(messages),
                parse.GetValue(concurrency), parse.GetValue(json), parse.GetValue(keep), parse.GetValue(timeout)),
            Console.Out, Console.Error, cancel));
        return command;
    }

    /// <summary>Runs both measurements; the table (or JSON) goes to <paramref name="output"/>, progress lines to <paramref name="progress"/>.</summary>
    public static async Task<int> RunAsync(IConfiguration userConfiguration, BenchFlowArguments arguments, TextWriter output, TextWriter progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userConfiguration);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        void Progress(string line) => progress.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");

        var problem = arguments switch
        {
            { Documents: < 1 or > 9000 } => "--documents must be between 1 and 9000",
            { Messages: < 1 or > 1_000_000 } => "--messages must be between 1 and 1000000",
            { Concurrency: < 1 or > 256 } => "--concurrency must be between 1 and 256",
            { Timeout.TotalSeconds: < 1 } => "--timeout must be at least one second",
            _ => null,
        };
        if (problem is not null)
        {
            await progress.WriteLineAsync("egiszbus bench flow: " + problem);
            return SetupError;
        }

        BenchDatabases databases;
        string repository;
        IConfiguration configuration;
        BusOptions bus;
        try
        {
            repository = HostConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
                ?? HostConfiguration.FindRepositoryRoot(Environment.CurrentDirectory)
                ?? throw new ConfigurationValidationException([new ConfigurationProblem("Samples", "the repository (EgiszBus.sln) was not found; the bench needs its Samples/ folder")]);
            configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    // Quiet hub: the table must stay readable. Settings given on the command line still win.
                    ["Serilog:MinimumLevel:Default"] = "Warning",
                    ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
                })
                .AddConfiguration(userConfiguration)
                .Build();
            bus = HostConfiguration.Load(new ConfigurationBuilder().AddConfiguration(configuration)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Bus:Transport"] = "PostgreSql", ["Bus:PostgreSqlConnectionString"] = arguments.ConnectionString })
                .Build(), out _, repository).Bus;
            Progress("creating the bench databases");
            databases = await BenchDatabases.CreateAsync(arguments.ConnectionString, arguments.Keep, TimeProvider.System, cancellationToken);
        }
        catch (Exception e) when (e is ConfigurationValidationException or NpgsqlException or ArgumentException)
        {
            await progress.WriteLineAsync("egiszbus bench flow: setup failed: " + e.Message);
            return SetupError;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), databases.Prefix);
        Directory.CreateDirectory(dataDirectory);
        try
        {
            await using (databases)
            {
                var baselineOptions = new BusOptions
                {
                    Transport = TransportKind.PostgreSql,
                    PostgreSqlConnectionString = databases.NoopConnectionString,
                    DataDirectory = dataDirectory,
                    Workers = bus.Workers,
                    MaxParallelism = bus.MaxParallelism,
                    MaxDeliveryAttempts = bus.MaxDeliveryAttempts,
                    IdleBackoffMinMilliseconds = bus.IdleBackoffMinMilliseconds,
                    IdleBackoffMaxMilliseconds = bus.IdleBackoffMaxMilliseconds,
                };
                Progress($"baseline: {arguments.Messages} no-op messages through endpoint '{BaselineBench.EndpointName}' in {databases.Prefix}_noop "
                    + $"(workers {bus.Workers}, parallelism {bus.MaxParallelism}, {BaselineBench.SenderTasks} sender tasks, batches of {BaselineBench.BatchSize})");
                var baseline = await BaselineBench.RunAsync(baselineOptions, arguments.Messages, arguments.Timeout, Progress, cancellationToken);
                Progress($"baseline: {baseline.MessagesPerSecond:F0} msg/s");

                Progress($"flow: the hub (all endpoints) in {databases.Prefix}_flow, REMD emulator without callback delay; preparing {arguments.Documents} documents");
                FlowResult flow;
                var console = Console.Out;
                try
                {
                    // The hub's console log would drown the table: mute it (its log file keeps everything) and summarise it below.
                    Console.SetOut(TextWriter.Null);
                    flow = await FlowBench.RunAsync(configuration, databases.FlowConnectionString, dataDirectory, repository, arguments, Progress, cancellationToken);
                }
                finally
                {
                    Console.SetOut(console);
                }

                flow = flow with { HubLog = HubLogSummary.Read(dataDirectory) };
                Progress($"flow: {flow.Registered}/{flow.Documents} registered, {flow.DocumentsPerSecond:F1} documents/s");

                var report = new BenchFlowReport(databases.ServerDisplay, databases.Prefix, bus.Workers, bus.MaxParallelism, arguments.Concurrency,
                    baseline, flow, 7);
                await output.WriteLineAsync(arguments.Json
                    ? JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                    : Table(report));
                if (!flow.Succeeded)
                {
                    await progress.WriteLineAsync("egiszbus bench flow: " + (flow.LedgerProblem ?? $"{flow.Documents - flow.Registered} document(s) did not end Registered")
                        + (flow.NotRegistered.Count > 0 ? Environment.NewLine + string.Join(Environment.NewLine, flow.NotRegistered) : ""));
                    return NotRegistered;
                }

                return Success;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any failure to run the measurement (start-up, database, HTTP, timeouts) is a setup error: no figures to trust.
            await progress.WriteLineAsync($"egiszbus bench flow: failed: {e.GetType().Name}: {e.Message}");
            return SetupError;
        }
        finally
        {
            if (!arguments.Keep)
            {
                TryDelete(dataDirectory);
            }
        }
    }

    /// <summary>The result table.</summary>
    public static string Table(BenchFlowReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var b = report.Baseline;
        var f = report.Flow;
        string Row(string name, string value, string note) => string.Format(c, "{0,-34} {1,12}  {2}", name, value, note);
        return string.Join(Environment.NewLine,
        [
            $"EgiszBus bench flow — PostgreSQL {report.Server}, databases {report.Databases}_noop/_flow, workers {report.Workers}, parallelism {report.MaxParallelism}",
            new string('-', 100),
            Row("Baseline (no-op), msg/s", b.MessagesPerSecond.ToString("F0", c), string.Format(c, "{0} messages sent+drained in {1:F2} s (sends done at {2:F2} s)", b.Messages, b.TotalSeconds, b.SendSeconds)),
            Row("Flow, documents/s", f.DocumentsPerSecond.ToString("F1", c), string.Format(c, "{0}/{1} Registered in {2:F2} s (submits done at {3:F2} s, concurrency {4})", f.Registered, f.Documents, f.TotalSeconds, f.SubmitSeconds, report.Concurrency)),
            Row("Flow, bus messages per document", f.MessagesPerDocument.ToString("F2", c), string.Format(c, "measured ({0} queue rows); by design {1}", f.BusMessages, report.ExpectedMessagesPerDocument)),
            Row("Flow, bus messages/s", f.MessagesPerSecond.ToString("F0", c), "documents/s × messages per document"),
            Row("Flow msg/s ÷ baseline msg/s", report.Ratio.ToString("F2", c), ""),
            Row("REMD ledger", f.LedgerProblem is null ? "ok" : "FAILED", f.LedgerProblem ?? "every localUid registered exactly once"),
            Row("Hub warnings / errors logged", $"{f.HubLog.Warnings} / {f.HubLog.Errors}", "flow run incl. warm-up; console muted, see the log file (--keep)"),
            .. f.HubLog.Top.Select(t => "    " + t),
            new string('-', 100),
            "Messages per document: " + BenchFlowReport.MessagesPerDocumentBreakdown + ".",
        ]);
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
