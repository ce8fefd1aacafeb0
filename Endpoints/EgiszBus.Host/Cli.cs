using System.CommandLine;
using Microsoft.Extensions.Hosting;
using EgiszBus.Host.Bench;
using EgiszBus.Host.Configuration;
using EgiszBus.Host.Demo;
using EgiszBus.Host.Tools;

namespace EgiszBus.Host;

/// <summary>
/// The <c>egiszbus</c> command line: <c>run</c> hosts endpoints, <c>demo</c> shows the whole flow on this machine.
/// Settings come from <c>appsettings.json</c>, environment variables <c>EGISZBUS__Section__Key</c> and arguments
/// <c>--Section:Key=value</c> (later wins); the options below are shortcuts for the common ones.
/// </summary>
public static class Cli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen command. Exit codes: 0 ok, 1 usage or start-up error, 2 demo incomplete.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Data directory of the embedded transport and stores (Bus:DataDirectory, default ./var)" };
        var transport = new Option<string?>("--transport") { Description = "Embedded (default, no server) or PostgreSql (Bus:Transport)" };
        var connection = new Option<string?>("--connection-string") { Description = "PostgreSQL connection string (Bus:PostgreSqlConnectionString)" };
        var endpoints = new Option<string>("--endpoints")
        {
            Description = "Logical endpoints to host: all, or a comma-separated list of " + string.Join(", ", HubComposition.AllEndpoints),
            DefaultValueFactory = _ => "all",
        };

        var run = new Command("run", "Host logical endpoints (gateway HTTP API, documents, remd) until stopped") { dataDir, transport, connection, endpoints };
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, cancel) => Guarded(async () =>
        {
            var (settings, configuration) = LoadSettings(parse, dataDir, transport, connection);
            var names = ParseEndpoints(parse.GetValue(endpoints)!);
            await using var app = HubComposition.Build(settings, configuration, names);
            await app.StartAsync(cancel);
            await app.WaitForShutdownAsync(cancel);
            return 0;
        }));

        var exitWhenDone = new Option<bool>("--exit-when-done") { Description = "Exit once every sample reached a final state: 0 when all are Registered, 2 otherwise" };
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "With --exit-when-done: give up after this long (default 00:02:30)",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(150),
        };
        var samples = new Option<string?>("--samples") { Description = "Folder of sample FHIR Bundles (default Samples/Documents/Fhir of the repository)" };
        var demo = new Command("demo", "Start the hub (embedded transport), the REMD emulator and the gateway; submit the sample documents and show their states")
        {
            dataDir, exitWhenDone, timeout, samples,
        };
        demo.TreatUnmatchedTokensAsErrors = false;
        demo.SetAction((parse, cancel) => Guarded(async () =>
        {
            var configuration = HostConfiguration.Build(parse.UnmatchedTokens.ToArray());
            return await DemoCommand.RunAsync(configuration, new DemoCommand.Arguments(
                parse.GetValue(dataDir) ?? "./var", parse.GetValue(exitWhenDone), parse.GetValue(timeout), parse.GetValue(samples)), cancel);
        }));

        var bench = new Command("bench", "Measure the hub (run in Release): flow = end-to-end documents/s on PostgreSQL next to a no-op Rebus baseline; signatures = CMS verifications/s, translation = documents/s (BenchmarkDotNet)")
        {
            BenchFlowCommand.Create(),
            BenchSignaturesCommand.Create(),
            BenchTranslationCommand.Create(),
        };

        var root = new RootCommand("EgiszBus: integration hub between medical information systems and EGISZ (REMD)") { run, demo, TranslateCommand.Create(), ValidateCommand.Create(), VerifyCommand.Create(), SignCommand.Create(), bench };
        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> Guarded(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigurationValidationException e)
        {
            await Console.Error.WriteLineAsync("egiszbus: invalid settings:" + Environment.NewLine + e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    private static (HostSettings Settings, Microsoft.Extensions.Configuration.IConfiguration Configuration) LoadSettings(
        ParseResult parse, Option<string?> dataDir, Option<string?> transport, Option<string?> connection)
    {
        var configArgs = new List<string>(parse.UnmatchedTokens);
        if (parse.GetValue(dataDir) is { } dir)
        {
            configArgs.Add("--Bus:DataDirectory=" + dir);
        }

        if (parse.GetValue(transport) is { } kind)
        {
            configArgs.Add("--Bus:Transport=" + kind);
        }

        if (parse.GetValue(connection) is { } cs)
        {
            configArgs.Add("--Bus:PostgreSqlConnectionString=" + cs);
        }

        var configuration = HostConfiguration.Build(configArgs.ToArray());
        var settings = HostConfiguration.Load(configuration, out var warnings);
        foreach (var warning in warnings)
        {
            Console.Error.WriteLine("egiszbus: warning: " + warning);
        }

        return (settings, configuration);
    }

    private static IReadOnlyCollection<string> ParseEndpoints(string value) =>
        value.Trim() == "all"
            ? HubComposition.AllEndpoints
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToArray();
}
