using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using EgiszBus.Host.Configuration;
using EgiszBus.Samples.RemdEmulator;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.Host.Demo;

/// <summary>
/// <c>egiszbus demo</c>: the whole flow on one machine with zero setup — the hub on the embedded transport in
/// <c>{data-dir}/demo</c> (wiped at start), the REMD emulator on loopback, the gateway on a free loopback port; the
/// sample MIS submits every Bundle in <c>Samples/Documents/Fhir</c> signed with the test keys of <c>Samples/Pki</c>.
/// </summary>
public static class DemoCommand
{
    private static readonly string[] FinalStates = ["Registered", "Rejected", "Failed"];

    /// <summary>What the command line says.</summary>
    public sealed record Arguments(string DataDirectory, bool ExitWhenDone, TimeSpan Timeout, string? SamplesDirectory);

    /// <summary>Runs the demo; returns 0 when every sample is Registered (or on Ctrl-C without --exit-when-done), 2 otherwise.</summary>
    public static async Task<int> RunAsync(IConfiguration userConfiguration, Arguments arguments, CancellationToken cancellationToken)
    {
        var repository = HostConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? HostConfiguration.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new ConfigurationValidationException([new ConfigurationProblem("--samples", "the repository (EgiszBus.sln) was not found; the demo needs its Samples/ folder")]);
        var samples = arguments.SamplesDirectory ?? Path.Combine(repository, "Samples", "Documents", "Fhir");
        var pki = Path.Combine(repository, "Samples", "Pki");
        var files = Directory.Exists(samples) ? Directory.GetFiles(samples, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            throw new ConfigurationValidationException([new ConfigurationProblem("--samples", $"no *.json sample Bundles in {samples}")]);
        }

        var dataDirectory = Path.GetFullPath(Path.Combine(arguments.DataDirectory, "demo"));
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        Directory.CreateDirectory(dataDirectory);
        var gatewayUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions
        {
            CallbackUri = new Uri(gatewayUrl + "/remd/callback"),
            CallbackDelay = TimeSpan.FromMilliseconds(300),
        }, cancellationToken);

        var configuration = new ConfigurationBuilder()
            .AddConfiguration(userConfiguration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "Embedded",
                ["Bus:DataDirectory"] = dataDirectory,
                ["Gateway:Url"] = gatewayUrl,
                ["Remd:ServiceUrl"] = emulator.ServiceUri.ToString(),
                ["Remd:CallbackUrl"] = gatewayUrl + "/remd/callback",
                ["Remd:ClientEntityId"] = Guid.NewGuid().ToString(),
                ["Remd:CallbackTimeout"] = "00:00:05",
                ["Remd:Retry:InitialDelay"] = "00:00:01",
            })
            .AddInMemoryCollection(SampleHubSettings.For(pki))
            .Build();
        var settings = HostConfiguration.Load(configuration, out _);
        await using var app = HubComposition.Build(settings, configuration, HubComposition.AllEndpoints);
        await app.StartAsync(cancellationToken);

        using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        var mis = new SampleMis(http, pki);
        var rows = new List<Row>();
        foreach (var file in files)
        {
            var id = await mis.SubmitAsync(await File.ReadAllTextAsync(file, cancellationToken), cancellationToken);
            rows.Add(new Row(Path.GetFileName(file), id));
        }

        Console.WriteLine($"EgiszBus demo: {rows.Count} documents submitted to {gatewayUrl}; REMD emulator at {emulator.ServiceUri}");
        var deadline = DateTime.UtcNow + arguments.Timeout;
        var last = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var row in rows)
            {
                var status = await mis.GetStatusAsync(row.Id, cancellationToken);
                row.State = status.GetProperty("state").GetString() ?? "?";
                row.EmdrId = status.TryGetProperty("emdrId", out var emdr) && emdr.ValueKind == JsonValueKind.String ? emdr.GetString() : null;
                row.Problems = status.TryGetProperty("problems", out var problems)
                    ? string.Join("; ", problems.EnumerateArray().Select(p => $"{p.GetProperty("code").GetString()} {p.GetProperty("message").GetString()}"))
                    : "";
            }

            var table = Table(rows);
            if (table != last)
            {
                Console.WriteLine(table);
                last = table;
            }

            if (rows.All(r => FinalStates.Contains(r.State)) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        var ledger = emulator.Ledger;
        Console.WriteLine($"REMD emulator ledger: {ledger.Documents.Count} documents, {ledger.Documents.Sum(d => d.Registrations)} registrations, "
            + $"{ledger.Totals.Requests} requests, {ledger.Totals.CallbacksSent} callbacks sent");
        var allRegistered = rows.All(r => r.State == "Registered");
        if (arguments.ExitWhenDone)
        {
            Console.WriteLine(allRegistered ? "All samples registered." : "Not every sample was registered.");
            await app.StopAsync(CancellationToken.None);
            return allRegistered ? 0 : 2;
        }

        Console.WriteLine($"The hub keeps running: GET {gatewayUrl}/api/v1/documents, REMD ledger {emulator.LedgerUri}. Ctrl-C stops it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static string Table(IReadOnlyList<Row> rows)
    {
        var width = Math.Max(26, rows.Max(r => r.File.Length));
        var lines = new List<string>
        {
            $"{"Файл".PadRight(width)} {"Документ",-36} {"Состояние",-11} {"Рег. номер РЭМД / ошибки"}",
            new string('-', width + 84),
        };
        lines.AddRange(rows.Select(r => $"{r.File.PadRight(width)} {r.Id,-36} {r.State,-11} {r.EmdrId ?? r.Problems}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Row(string file, Guid id)
    {
        public string File { get; } = file;

        public Guid Id { get; } = id;

        public string State { get; set; } = "Accepted";

        public string? EmdrId { get; set; }

        public string Problems { get; set; } = "";
    }
}
