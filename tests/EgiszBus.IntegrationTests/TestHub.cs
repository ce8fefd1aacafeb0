using System.Text.Json;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Host;
using EgiszBus.Host.Configuration;
using EgiszBus.Host.Demo;
using EgiszBus.Samples.RemdEmulator;
using EgiszBus.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.IntegrationTests;

/// <summary>
/// A real hub for a test: all endpoints in-process on the chosen transport (embedded in a temp folder, or a fresh
/// database of the shared throwaway PostgreSQL cluster), the gateway on a free loopback port, a REMD emulator over
/// real HTTP, and the sample MIS that renders, signs and submits.
/// </summary>
public sealed class TestHub : IAsyncDisposable
{
    private static readonly string[] FinalStates = ["Registered", "Rejected", "Failed"];
    private WebApplication? app;

    private TestHub(TransportKind transport, string dataDirectory, string? connectionString, RemdEmulator emulator, string gatewayUrl)
    {
        Transport = transport;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        Emulator = emulator;
        GatewayUrl = gatewayUrl;
        Http = new HttpClient { BaseAddress = new Uri(gatewayUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        Mis = new SampleMis(Http, Pki);
    }

    /// <summary>The test PKI of the samples.</summary>
    public static string Pki => Path.Combine(RepositoryPaths.Samples, "Pki");

    /// <summary>The sample FHIR Bundles.</summary>
    public static IReadOnlyList<string> SampleFiles =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir"), "*.json").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Transport under test.</summary>
    public TransportKind Transport { get; }

    /// <summary>The hub's data directory (logs are in <c>logs/</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>PostgreSQL connection string, in PostgreSQL mode.</summary>
    public string? ConnectionString { get; }

    /// <summary>The REMD emulator.</summary>
    public RemdEmulator Emulator { get; }

    /// <summary>Base URL of the gateway.</summary>
    public string GatewayUrl { get; }

    /// <summary>HTTP client on the gateway.</summary>
    public HttpClient Http { get; }

    /// <summary>The sample MIS.</summary>
    public SampleMis Mis { get; }

    /// <summary>The settings every hub of this test gets (before the hub starts, tests may change the emulator).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Starts an emulator and prepares (but does not start) the hub.</summary>
    public static async Task<TestHub> CreateAsync(TransportKind transport, RemdEmulatorOptions? emulatorOptions = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "egiszbus-it-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = transport == TransportKind.PostgreSql ? PostgresCluster.Shared.CreateDatabase("flow") : null;
        var gatewayUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var emulator = await RemdEmulator.StartAsync((emulatorOptions ?? new RemdEmulatorOptions()) with
        {
            CallbackUri = new Uri(gatewayUrl + "/remd/callback"),
        });
        var hub = new TestHub(transport, dataDirectory, connectionString, emulator, gatewayUrl);
        hub.Settings["Bus:Transport"] = transport.ToString();
        hub.Settings["Bus:DataDirectory"] = dataDirectory;
        hub.Settings["Bus:PostgreSqlConnectionString"] = connectionString;
        hub.Settings["Gateway:Url"] = gatewayUrl;
        hub.Settings["Remd:ServiceUrl"] = emulator.ServiceUri.ToString();
        hub.Settings["Remd:CallbackUrl"] = gatewayUrl + "/remd/callback";
        hub.Settings["Remd:ClientEntityId"] = Guid.NewGuid().ToString();
        hub.Settings["Remd:CallbackTimeout"] = "00:00:03";
        hub.Settings["Remd:RequestTimeout"] = "00:00:05";
        hub.Settings["Remd:Retry:InitialDelay"] = "00:00:00.500";
        hub.Settings["Remd:Retry:MaxDelay"] = "00:00:03";
        hub.Settings["Remd:Retry:Deadline"] = "00:05:00";
        hub.Settings["ReferenceData:Path"] = RepositoryPaths.SharedData;
        foreach (var (key, value) in SampleHubSettings.For(Pki))
        {
            hub.Settings[key] = value;
        }
        return hub;
    }

    /// <summary>Starts (or restarts) the hub in this process.</summary>
    public async Task StartAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var settings = HostConfiguration.Load(configuration, out _);
        app = HubComposition.Build(settings, configuration, HubComposition.AllEndpoints);
        await app.StartAsync();
    }

    /// <summary>Stops the in-process hub.</summary>
    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>A sample Bundle of any kind, optionally given a new document number (→ a new document instance and localUid).</summary>
    public static string Sample(int index, int? documentNumber = null)
    {
        var json = File.ReadAllText(SampleFiles[index % SampleFiles.Count]);
        return documentNumber is null ? json : SampleVariants.WithDocumentNumber(json, documentNumber.Value);
    }

    /// <summary>A laboratory (kind 186) sample Bundle, optionally given a new document number.</summary>
    public static string LaboratorySample(int index, int? documentNumber = null)
    {
        var files = SampleFiles.Where(f => Path.GetFileName(f).StartsWith("Laboratory-", StringComparison.Ordinal)).ToArray();
        var json = File.ReadAllText(files[index % files.Length]);
        return documentNumber is null ? json : SampleVariants.WithDocumentNumber(json, documentNumber.Value);
    }

    /// <summary>Polls until every document is in a final state; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyDictionary<Guid, JsonElement>> WaitForFinalAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var result = new Dictionary<Guid, JsonElement>();
        var pending = new Dictionary<Guid, JsonElement>();
        while (true)
        {
            foreach (var id in ids.Where(i => !result.ContainsKey(i)).ToList())
            {
                var status = await Mis.GetStatusAsync(id);
                if (FinalStates.Contains(status.GetProperty("state").GetString()))
                {
                    result[id] = status;
                    pending.Remove(id);
                }
                else
                {
                    pending[id] = status;
                }
            }

            if (result.Count == ids.Count)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{ids.Count - result.Count} of {ids.Count} documents not final after {timeout} ({Transport}): "
                    + string.Join("; ", pending.Select(p => $"{p.Key} {p.Value.GetRawText()}")));
            }

            await Task.Delay(200);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Emulator.DisposeAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
