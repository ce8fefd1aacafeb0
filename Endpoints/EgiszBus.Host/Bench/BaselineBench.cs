using System.Diagnostics;
using EgiszBus.Endpoints.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rebus.Config;
using Rebus.Transport;

namespace EgiszBus.Host.Bench;

/// <summary>
/// The baseline: one endpoint (<c>bench</c>) with the hub's bus settings and a no-op <see cref="BenchPing"/> handler;
/// a few tasks send to its queue in transactions of <see cref="BatchSize"/> while it drains.
/// </summary>
internal static class BaselineBench
{
    public const string EndpointName = "bench";
    public const int BatchSize = 100;
    public const int SenderTasks = 4;
    private const int WarmUpMessages = 200;

    public static async Task<BaselineResult> RunAsync(BusOptions options, int count, TimeSpan timeout, Action<string> progress, CancellationToken cancellationToken)
    {
        var counter = new BenchPingCounter();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(counter);
        builder.Services.AddEgiszBusEndpoint(options, new EndpointDefinition(EndpointName, static (services, host) =>
        {
            services.AddSingleton(host.GetRequiredService<BenchPingCounter>());
            services.AddRebusHandler<BenchPingHandler>();
        })
        {
            ExtraWireNames = new Dictionary<Type, string> { [typeof(BenchPing)] = BenchPing.WireName },
        });

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var bus = host.Services.GetRequiredService<EndpointBusRegistry>().Get(EndpointName);

            // Warm-up (JIT, connection pool, table and index creation), not timed.
            counter.Reset(WarmUpMessages);
            await SendAsync(bus, 0, WarmUpMessages);
            await WaitAsync(counter, WarmUpMessages, timeout, progress, Stopwatch.StartNew(), cancellationToken);

            counter.Reset(count);
            var stopwatch = Stopwatch.StartNew();
            var perTask = (count + SenderTasks - 1) / SenderTasks;
            var senders = Enumerable.Range(0, SenderTasks)
                .Select(t => Task.Run(() => SendAsync(bus, t * perTask, Math.Min(count, (t + 1) * perTask)), cancellationToken))
                .ToArray();
            await Task.WhenAll(senders);
            var sendSeconds = stopwatch.Elapsed.TotalSeconds;
            progress($"baseline: {count} messages sent in {sendSeconds:F2} s, {counter.Seen} handled so far");
            await WaitAsync(counter, count, timeout, progress, stopwatch, cancellationToken);
            var totalSeconds = stopwatch.Elapsed.TotalSeconds;
            return new BaselineResult(count, sendSeconds, totalSeconds);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task SendAsync(Rebus.Bus.IBus bus, int from, int to)
    {
        for (var start = from; start < to; start += BatchSize)
        {
            using var scope = new RebusTransactionScope();
            for (var n = start; n < Math.Min(to, start + BatchSize); n++)
            {
                await bus.SendLocal(new BenchPing(n));
            }

            await scope.CompleteAsync();
        }
    }

    private static async Task WaitAsync(BenchPingCounter counter, int count, TimeSpan timeout, Action<string> progress, Stopwatch stopwatch,
        CancellationToken cancellationToken)
    {
        var deadline = stopwatch.Elapsed + timeout;
        while (!counter.Done.IsCompleted)
        {
            if (stopwatch.Elapsed > deadline)
            {
                throw new TimeoutException($"the baseline endpoint handled only {counter.Seen} of {count} messages within {timeout}");
            }

            await Task.WhenAny(counter.Done, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!counter.Done.IsCompleted)
            {
                progress($"baseline: {counter.Seen}/{count} handled, {stopwatch.Elapsed.TotalSeconds:F1} s");
            }
        }
    }
}
