using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EgiszBus.Endpoints.Gateway.Api;
using EgiszBus.Host.Configuration;
using EgiszBus.Host.Demo;
using EgiszBus.Samples.RemdEmulator;
using Microsoft.Extensions.Configuration;

namespace EgiszBus.Host.Bench;

/// <summary>
/// The flow: the REMD emulator (no callback delay, no faults) and the whole hub on PostgreSQL in this process; N signed
/// document variants prepared through the running gateway before timing, then submitted over HTTP with the chosen
/// parallelism while the document list is polled until every one is final.
/// </summary>
internal static class FlowBench
{
    /// <summary>The bus queue table of PostgreSQL mode (EgiszBus.Endpoints.Hosting's PostgreSqlTables.Messages).</summary>
    public const string MessagesTable = "egiszbus_messages";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public static async Task<FlowResult> RunAsync(IConfiguration userConfiguration, string connectionString, string dataDirectory, string repository,
        BenchFlowArguments arguments, Action<string> progress, CancellationToken cancellationToken)
    {
        var pki = Path.Combine(repository, "Samples", "Pki");
        var sampleFiles = Directory.GetFiles(Path.Combine(repository, "Samples", "Documents", "Fhir"), "*.json").Order(StringComparer.Ordinal).ToArray();

        var gatewayUrl = $"http://127.0.0.1:{BenchFlowCommand.FreeLoopbackPort()}";
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions
        {
            CallbackUri = new Uri(gatewayUrl + GatewayApi.CallbackPath),
            CallbackDelay = TimeSpan.Zero,
        }, cancellationToken);

        var configuration = new ConfigurationBuilder()
            .AddConfiguration(userConfiguration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "PostgreSql",
                ["Bus:PostgreSqlConnectionString"] = connectionString,
                ["Bus:DataDirectory"] = dataDirectory,
                ["Gateway:Url"] = gatewayUrl,
                ["Remd:ServiceUrl"] = emulator.ServiceUri.ToString(),
                ["Remd:CallbackUrl"] = gatewayUrl + GatewayApi.CallbackPath,
                ["Remd:ClientEntityId"] = Guid.NewGuid().ToString(),
            })
            .AddInMemoryCollection(SampleHubSettings.For(pki))
            .Build();
        var settings = HostConfiguration.Load(configuration, out _, repository);
        await using var app = HubComposition.Build(settings, configuration, HubComposition.AllEndpoints);
        await app.StartAsync(cancellationToken);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl + "/"), Timeout = TimeSpan.FromMinutes(2) };
            var samples = await UsableSamplesAsync(new SampleMis(http, pki), sampleFiles, progress, cancellationToken);
            var warmUp = samples.Length;
            var total = arguments.Documents + warmUp;

            // Before timing: every variant rendered by the gateway and signed (the render path warms up on the way).
            var prepare = Stopwatch.StartNew();
            var signed = new string[total];
            await ForEachAsync(total, arguments.Concurrency, () => new SampleMis(http, pki), async (mis, i) =>
            {
                signed[i] = await mis.SignAsync(Variant(samples[i % samples.Length], i + 1), cancellationToken);
                return i;
            }, done => progress($"flow: prepared {done}/{total} signed documents, {prepare.Elapsed.TotalSeconds:F1} s"));

            // Warm-up (not timed): one of each sample through the whole flow.
            var warmIds = new Guid[warmUp];
            await ForEachAsync(warmUp, arguments.Concurrency, () => http, async (client, i) =>
            {
                warmIds[i] = await SubmitAsync(client, signed[arguments.Documents + i], cancellationToken);
                return i;
            }, null);
            var warmStatuses = await WaitFinalAsync(http, warmIds, total, arguments.Timeout, Stopwatch.StartNew(), null, progress, "warm-up", cancellationToken);
            if (warmStatuses.Values.Any(s => s.State != "Registered"))
            {
                throw new InvalidOperationException("warm-up documents did not register: " + string.Join("; ", Describe(warmStatuses.Values)));
            }

            var messagesBefore = await BenchDatabases.MessagesInsertedAsync(connectionString, MessagesTable, cancellationToken);
            progress($"flow: warm-up done ({warmUp} documents registered); submitting {arguments.Documents} with concurrency {arguments.Concurrency}");

            var startedAt = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            var ids = new Guid[arguments.Documents];
            var submitted = 0;
            var submitSeconds = 0.0;
            var submitting = ForEachAsync(arguments.Documents, arguments.Concurrency, () => http, async (client, i) =>
            {
                ids[i] = await SubmitAsync(client, signed[i], cancellationToken);
                var n = Interlocked.Increment(ref submitted);
                if (n == arguments.Documents)
                {
                    Volatile.Write(ref submitSeconds, stopwatch.Elapsed.TotalSeconds);
                }

                return n;
            }, null);
            var statuses = await WaitFinalAsync(http, ids, total, arguments.Timeout, stopwatch, submitting, progress, "flow", cancellationToken,
                () => Volatile.Read(ref submitted));
            await submitting;
            var observedSeconds = stopwatch.Elapsed.TotalSeconds;
            var messagesAfter = await BenchDatabases.MessagesInsertedAsync(connectionString, MessagesTable, cancellationToken);

            var registered = statuses.Values.Where(s => s.State == "Registered").ToList();
            var lastUpdate = registered.Count > 0 ? registered.Max(s => s.UpdatedAt) : DateTimeOffset.UtcNow;
            var totalSeconds = (lastUpdate - startedAt).TotalSeconds;
            if (totalSeconds <= 0 || totalSeconds > observedSeconds)
            {
                totalSeconds = observedSeconds;
            }

            var notRegistered = Describe(statuses.Values.Where(s => s.State != "Registered")).Take(10).ToList();
            var ledgerProblem = CheckLedger(emulator.Ledger, statuses.Values.Concat(warmStatuses.Values).ToList());
            return new FlowResult(arguments.Documents, registered.Count, Math.Max(submitSeconds, 0.001), totalSeconds,
                messagesAfter - messagesBefore, ledgerProblem, notRegistered);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The samples this hub renders and the test keys sign; the others are named on the progress output and skipped.</summary>
    private static async Task<string[]> UsableSamplesAsync(SampleMis mis, string[] files, Action<string> progress, CancellationToken cancellationToken)
    {
        var usable = new List<string>();
        foreach (var file in files)
        {
            var json = await File.ReadAllTextAsync(file, cancellationToken);
            try
            {
                await mis.SignAsync(json, cancellationToken);
                usable.Add(json);
            }
            catch (Exception e) when (e is InvalidOperationException or JsonException)
            {
                var reason = e.Message.Length > 200 ? e.Message[..200] + "…" : e.Message;
                progress($"flow: sample {Path.GetFileName(file)} skipped: {reason}");
            }
        }

        return usable.Count > 0
            ? usable.ToArray()
            : throw new ConfigurationValidationException([new ConfigurationProblem("Samples/Documents/Fhir", "no sample Bundle the hub can render and the test keys can sign")]);
    }

    /// <summary>A new document instance of a sample: new <c>Bundle.identifier.value</c> and a new UUID <c>Bundle.id</c>.</summary>
    public static string Variant(string bundleJson, int number)
    {
        var bundle = JsonNode.Parse(bundleJson)?.AsObject() ?? throw new InvalidOperationException("a sample is not a JSON object");
        var identifier = bundle["identifier"] as JsonObject ?? throw new InvalidOperationException("a sample has no Bundle.identifier");
        identifier["value"] = $"7{number:D7}";
        bundle["id"] = Guid.NewGuid().ToString();
        return bundle.ToJsonString();
    }

    private static string? CheckLedger(RemdEmulatorLedger ledger, IReadOnlyList<StatusAnswer> statuses)
    {
        var twice = ledger.Documents.Where(d => d.Registrations > 1).Select(d => d.LocalUid).ToList();
        if (twice.Count > 0)
        {
            return $"{twice.Count} localUid(s) registered more than once in REMD, e.g. {twice[0]}";
        }

        var missing = statuses.Where(s => s.State == "Registered" && (s.LocalUid is null || ledger[s.LocalUid]?.Registrations != 1)).ToList();
        if (missing.Count > 0)
        {
            return $"{missing.Count} document(s) Registered in the hub but not registered once in REMD, e.g. {missing[0].Id}";
        }

        var registered = ledger.Documents.Count(d => d.Registrations == 1);
        return registered == statuses.Count(s => s.State == "Registered")
            ? null
            : $"REMD registered {registered} localUids, the hub reports {statuses.Count(s => s.State == "Registered")} Registered";
    }

    private static IEnumerable<string> Describe(IEnumerable<StatusAnswer> statuses) =>
        statuses.Select(s => $"{s.Id} {s.State} {string.Join(",", s.Problems.Select(p => p.Code))}".TrimEnd());

    private static async Task<Guid> SubmitAsync(HttpClient http, string signedBundle, CancellationToken cancellationToken)
    {
        using var content = new StringContent(signedBundle, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(SampleMis.FhirJson) { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/v1/documents", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"gateway answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<SubmissionAnswer>(body, Web)?.Id ?? throw new InvalidOperationException("gateway answered without an id");
    }

    /// <summary>Polls the document list until every known id of <paramref name="ids"/> is final and <paramref name="submitting"/> is done.</summary>
    private static async Task<Dictionary<Guid, StatusAnswer>> WaitFinalAsync(HttpClient http, Guid[] ids, int listLimit, TimeSpan timeout,
        Stopwatch stopwatch, Task? submitting, Action<string> progress, string label, CancellationToken cancellationToken, Func<int>? submitted = null)
    {
        var deadline = stopwatch.Elapsed + timeout;
        var lastProgress = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken);
            if (submitting is { IsFaulted: true })
            {
                await submitting;
            }

            var list = await http.GetFromJsonAsync<List<StatusAnswer>>($"api/v1/documents?limit={listLimit}", Web, cancellationToken) ?? [];
            var wanted = ids.Where(id => id != Guid.Empty).ToHashSet();
            var current = list.Where(s => wanted.Contains(s.Id)).ToDictionary(s => s.Id);
            var final = current.Values.Count(s => s.State is "Registered" or "Rejected" or "Failed");
            var allSubmitted = submitting is null || submitting.IsCompletedSuccessfully;
            if (allSubmitted && final == ids.Length)
            {
                return current;
            }

            if (stopwatch.Elapsed > deadline)
            {
                progress($"{label}: giving up after {timeout}: {final}/{ids.Length} final");
                return allSubmitted
                    ? ids.ToDictionary(id => id, id => current.GetValueOrDefault(id) ?? Pending(id))
                    : throw new TimeoutException($"{label}: not every document was submitted within {timeout}");
            }

            if (stopwatch.Elapsed - lastProgress >= ProgressInterval)
            {
                lastProgress = stopwatch.Elapsed;
                var registered = current.Values.Count(s => s.State == "Registered");
                progress($"{label}: submitted {submitted?.Invoke() ?? ids.Length}/{ids.Length}, registered {registered}/{ids.Length}, {stopwatch.Elapsed.TotalSeconds:F1} s");
            }
        }
    }

    private static StatusAnswer Pending(Guid id) => new(id, "NotFinal", null, null, null, [], default, default);

    /// <summary>Runs <paramref name="body"/> for 0..count-1 on <paramref name="workers"/> tasks, each with its own state.</summary>
    private static async Task ForEachAsync<TState>(int count, int workers, Func<TState> state, Func<TState, int, Task<int>> body, Action<int>? progress)
    {
        var next = -1;
        var done = 0;
        using var timer = progress is null ? null : new Timer(_ => progress(Volatile.Read(ref done)), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        var tasks = Enumerable.Range(0, Math.Min(workers, count)).Select(_ => Task.Run(async () =>
        {
            var own = state();
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await body(own, i);
                Interlocked.Increment(ref done);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
    }
}
