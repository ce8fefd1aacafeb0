using System.Diagnostics;
using EgiszBus.Endpoints.Hosting.Storage;
using EgiszBus.Endpoints.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Rebus.Messages;
using Rebus.Pipeline;
using Rebus.Pipeline.Receive;
using Rebus.Sagas;
using Rebus.Config;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Tests;

/// <summary>The behaviour every bus mode must show; one subclass per mode.</summary>
public abstract class HostingContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Fresh options over an empty data directory or database.</summary>
    protected abstract BusOptions NewOptions();

    /// <summary>How early a deferred message may arrive (PostgreSQL defers with one-second granularity).</summary>
    protected abstract TimeSpan DeferralEarliness { get; }

    protected abstract Task<long> CountAsync(BusOptions options, string queue);

    protected abstract ITransport RawTransport(BusOptions options, string queue);

    [TestMethod]
    public async Task GivenFiveThousandMessagesSentFromSeveralThreads_WhenTwoEndpointsReceive_ThenEveryMessageIsHandledOnce()
    {
        var probe = new Probe();
        using var host = await TestBus.StartAsync(NewOptions(), probe,
            TestBus.Endpoint("alpha", s => s.Handler<PingHandler>()),
            TestBus.Endpoint("beta", s => s.Handler<PingHandler>()));
        var bus = host.Buses().Get("alpha");

        await Parallel.ForAsync(0, 4, async (thread, _) =>
        {
            for (var batch = 0; batch < 25; batch++)
            {
                using var scope = new RebusTransactionScope();
                for (var i = 0; i < 50; i++)
                {
                    var n = thread * 1250 + batch * 50 + i;
                    await bus.Advanced.Routing.Send(n % 2 == 0 ? "alpha" : "beta", new Ping(n));
                }

                await scope.CompleteAsync();
            }
        });

        await Probe.WaitUntil(() => probe.Seen.Count >= 5000, Patience, "5,000 pings handled");
        var pings = probe.Seen.Where(s => s.Message is Ping).ToList();
        Assert.AreEqual(5000, pings.Select(p => ((Ping)p.Message).N).Distinct().Count());
        Assert.AreEqual(5000, pings.Count, "no failures happened, so no message may be handled twice");
        Assert.IsTrue(pings.All(p => p.Endpoint == (((Ping)p.Message).N % 2 == 0 ? "alpha" : "beta")), "each ping handled by the endpoint it was sent to");
    }

    [TestMethod]
    public async Task GivenAMessageDeferredTwoSeconds_WhenItArrives_ThenNotBeforeTheDelay()
    {
        var probe = new Probe();
        using var host = await TestBus.StartAsync(NewOptions(), probe, TestBus.Endpoint("alpha", s => s.Handler<PingHandler>()));
        var delay = TimeSpan.FromSeconds(2);
        var sentAt = DateTimeOffset.UtcNow;

        await host.Buses().Get("alpha").DeferLocal(delay, new Ping(42));

        await Probe.WaitUntil(() => !probe.Seen.IsEmpty, TimeSpan.FromSeconds(30), "deferred ping");
        var elapsed = probe.Seen.Single().At - sentAt;
        TestContext.WriteLine($"deferred {delay.TotalSeconds} s, arrived after {elapsed.TotalSeconds:F2} s");
        Assert.IsGreaterThanOrEqualTo(delay - DeferralEarliness, elapsed);
    }

    [TestMethod]
    public async Task GivenTwoMessagesRacingToCreateTheSameSaga_WhenHandled_ThenOneSagaSeesBothAndNothingFailsOrWarns()
    {
        var probe = new Probe();
        var options = NewOptions();
        using var log = new CapturedLog();
        using var host = await TestBus.StartAsync(options, probe, log, TestBus.Endpoint("alpha", s => s.Handler<RaceSaga>()));
        var bus = host.Buses().Get("alpha");
        const int keys = 10;

        using (var scope = new RebusTransactionScope())
        {
            for (var k = 0; k < keys; k++)
            {
                await bus.SendLocal(new RaceMessage($"key-{k}", 1));
                await bus.SendLocal(new RaceMessage($"key-{k}", 2));
            }

            await scope.CompleteAsync();
        }

        await Probe.WaitUntil(() => probe.Seen.Count(s => s.Message is RaceResult) >= keys, Patience, "every saga saw both messages");
        var results = probe.Seen.Select(s => s.Message).OfType<RaceResult>().ToList();
        foreach (var group in results.GroupBy(r => r.Key))
        {
            Assert.AreEqual(1, group.Select(r => r.SagaId).Distinct().Count(), $"one saga instance for {group.Key}");
            CollectionAssert.AreEqual(new[] { 1, 2 }, group.First().Seen);
        }

        Assert.AreEqual(keys, results.Select(r => r.Key).Distinct().Count());
        Assert.AreEqual(0L, await CountAsync(options, "error"));

        // A lost insert race is expected and retried: one information line each, never a warning with a stack trace.
        var conflicts = log.Entries.Count(e => e.Text.StartsWith("Saga conflict on attempt", StringComparison.Ordinal));
        TestContext.WriteLine($"saga insert races lost and retried: {conflicts}");
        var warnings = log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Text).ToList();
        Assert.AreEqual(0, warnings.Count, string.Join("\n", warnings));
    }

    [TestMethod]
    public async Task GivenASagaSavedWhoseOutgoingMessagesWereLost_WhenTheMessageIsRedelivered_ThenTheSavedSideEffectsAreSentOnce()
    {
        var probe = new Probe();
        var options = NewOptions();
        var crash = new CommitLostAfterSagaSaved();
        var endpoint = TestBus.Endpoint("alpha", s => s.Handler<LedgerSaga>().Handler<LedgerEchoHandler>()) with
        {
            ConfigureRebus = c => c.Options(o => o.Decorate<IPipeline>(r =>
                new PipelineStepInjector(r.Get<IPipeline>()).OnReceive(crash, PipelineRelativePosition.Before, typeof(LoadSagaDataStep)))),
        };
        using var log = new CapturedLog();
        using var host = await TestBus.StartAsync(options, probe, log, endpoint);
        var bus = host.Buses().Get("alpha");
        const int keys = 5;

        for (var k = 0; k < keys; k++)
        {
            await bus.SendLocal(new LedgerEntry($"entry-{k}"));
        }

        try
        {
            await Probe.WaitUntil(() => probe.Count(s => s.Message is LedgerEcho) >= keys, TimeSpan.FromSeconds(30), "an echo for every entry");
        }
        catch (AssertFailedException)
        {
            TestContext.WriteLine(string.Join("\n", log.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
                .Select(e => $"{e.Level} {e.Text} {e.Exception?.GetType().Name}: {e.Exception?.Message}").Distinct().Take(10)));
            throw;
        }

        await Task.Delay(1000);
        var echoes = probe.Seen.Select(s => s.Message).OfType<LedgerEcho>().ToList();
        Assert.AreEqual(keys, crash.Injected, "every entry's first commit was lost after its saga was saved");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, keys).Select(k => $"entry-{k}").ToList(), echoes.Select(e => e.Key).ToList(),
            "each saved side effect is sent exactly once, by the redelivery");
        Assert.IsTrue(echoes.All(e => e.Handled == 1), "the saga applied each entry once");
        Assert.AreEqual(0L, await CountAsync(options, "error"));
    }

    [TestMethod]
    public async Task GivenAHandlerThatAlwaysThrows_WhenAttemptsRunOut_ThenMessageIsInErrorQueueAndItsSendsNeverLeave()
    {
        var probe = new Probe();
        var options = NewOptions();
        options.MaxDeliveryAttempts = 3;
        using var host = await TestBus.StartAsync(options, probe,
            TestBus.Endpoint("alpha", s => s.Handler<DoomedHandler>()),
            TestBus.Endpoint("beta", s => s.Handler<FalloutHandler>()));

        await host.Buses().Get("alpha").SendLocal(new Doomed(7));

        await Probe.WaitUntil(() => CountAsync(options, "error").GetAwaiter().GetResult() == 1, Patience, "message in the error queue");
        await Task.Delay(1000);
        Assert.AreEqual(3, probe.Count(s => s.Handler == nameof(DoomedHandler)), "handler runs = MaxDeliveryAttempts");
        Assert.AreEqual(0, probe.Count(s => s.Handler == nameof(FalloutHandler)), "a failed handler's send must never be delivered");
        Assert.AreEqual(0L, await CountAsync(options, "beta"));

        var failed = await ReceiveRawAsync(options, "error");
        Assert.IsNotNull(failed);
        Assert.AreEqual("alpha", failed.Headers[Headers.SourceQueue]);
        StringAssert.Contains(failed.Headers[Headers.ErrorDetails], "Doomed message 7 always fails");
        Assert.AreEqual("test.doomed.v1", failed.Headers[Headers.Type]);
    }

    [TestMethod]
    public async Task GivenTwoSubscribers_WhenAnEventIsPublished_ThenEachRunsOnlyItsOwnHandler()
    {
        var probe = new Probe();
        using var host = await TestBus.StartAsync(NewOptions(), probe,
            TestBus.Endpoint("alpha", s => s.Handler<AlphaAnnouncedHandler>(), typeof(Announced)),
            TestBus.Endpoint("beta", s => s.Handler<BetaAnnouncedHandler>(), typeof(Announced)),
            TestBus.Endpoint("gamma", s => s.Handler<GammaAnnouncedHandler>()));

        await host.Buses().Get("gamma").Publish(new Announced(Guid.NewGuid()));

        await Probe.WaitUntil(() => probe.Seen.Count >= 2, Patience, "both subscribers handled the event");
        await Task.Delay(750);
        var seen = probe.Seen.Select(s => $"{s.Endpoint}:{s.Handler}").Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[] { "alpha:AlphaAnnouncedHandler", "beta:BetaAnnouncedHandler" }, seen);
    }

    [TestMethod]
    public async Task GivenATypeWithoutWireName_WhenSent_ThenTheSendFails()
    {
        using var host = await TestBus.StartAsync(NewOptions(), new Probe(), TestBus.Endpoint("alpha", s => s.Handler<PingHandler>()));

        await Assert.ThrowsExactlyAsync<ArgumentException>(() => host.Buses().Get("alpha").SendLocal(new Unnamed()));
    }

    [TestMethod]
    public async Task GivenSameBytesTwice_WhenPut_ThenSameReferenceAndBytesComeBack()
    {
        using var services = Stores(NewOptions());
        var store = services.GetRequiredService<IDocumentStore>();
        var bytes = "<ClinicalDocument/>"u8.ToArray();

        var first = await store.PutAsync(bytes);
        var second = await store.PutAsync(bytes);

        Assert.AreEqual(first, second);
        Assert.AreEqual("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), first);
        CollectionAssert.AreEqual(bytes, await store.GetAsync(first));
        await Assert.ThrowsExactlyAsync<KeyNotFoundException>(() => store.GetAsync("sha256:" + new string('0', 64)));
        await Assert.ThrowsExactlyAsync<FormatException>(() => store.GetAsync("../../etc/passwd"));
    }

    [TestMethod]
    public async Task GivenADocument_WhenStatusUpdatesArriveOutOfOrder_ThenItOnlyMovesForward()
    {
        using var services = Stores(NewOptions());
        var store = services.GetRequiredService<IDocumentStatusStore>();
        var id = Guid.NewGuid();
        var t0 = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

        await store.CreateAsync(id, t0);
        await store.CreateAsync(id, t0.AddHours(1));
        Assert.IsTrue(await store.AdvanceAsync(id, DocumentState.Accepted, t0.AddSeconds(1), kind: "lab", localUid: "uid-1"));
        Assert.IsTrue(await store.AdvanceAsync(id, DocumentState.SentToRemd, t0.AddSeconds(2)));
        Assert.IsFalse(await store.AdvanceAsync(id, DocumentState.Accepted, t0.AddSeconds(3)), "Accepted after SentToRemd is older news");
        Assert.IsTrue(await store.AdvanceAsync(id, DocumentState.Registered, t0.AddSeconds(4), emdrId: "EMDR-1"));
        Assert.IsFalse(await store.AdvanceAsync(id, DocumentState.SentToRemd, t0.AddSeconds(5)));
        Assert.IsFalse(await store.AdvanceAsync(id, DocumentState.Rejected, t0.AddSeconds(6), problems: [new StatusProblem("X", "x", null)]));
        Assert.IsFalse(await store.AdvanceAsync(Guid.NewGuid(), DocumentState.Registered, t0), "unknown document");

        var status = await store.GetAsync(id);
        Assert.IsNotNull(status);
        Assert.AreEqual(new DocumentStatus(id, DocumentState.Registered, "lab", "uid-1", "EMDR-1", status.Problems, t0, t0.AddSeconds(4)), status);
        Assert.IsEmpty(status.Problems);
        Assert.IsNull(await store.GetAsync(Guid.NewGuid()));
    }

    [TestMethod]
    public async Task GivenRejectedDocuments_WhenListed_ThenNewestFirstWithProblems()
    {
        using var services = Stores(NewOptions());
        var store = services.GetRequiredService<IDocumentStatusStore>();
        var t0 = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var older = Guid.NewGuid();
        var newer = Guid.NewGuid();
        await store.CreateAsync(older, t0);
        await store.CreateAsync(newer, t0.AddMinutes(1));
        StatusProblem[] problems = [new("SEMD-001", "Нет подписи врача", "/ClinicalDocument/author"), new("SEMD-002", "x", null)];

        Assert.IsTrue(await store.AdvanceAsync(newer, DocumentState.Rejected, t0.AddMinutes(2), problems: problems));

        var list = await store.ListAsync();
        CollectionAssert.AreEqual(new[] { newer, older }, list.Select(s => s.DocumentId).ToArray());
        CollectionAssert.AreEqual(problems, list[0].Problems.ToArray());
        Assert.HasCount(1, await store.ListAsync(limit: 1));
    }

    [TestMethod]
    public async Task GivenThreeThousandQueuedMessages_WhenAnEndpointDrainsThem_ThenThroughputIsPrinted()
    {
        var options = NewOptions();
        var probe = new Probe();
        const int count = 3000;
        using (var sender = await TestBus.StartAsync(options, probe, TestBus.Endpoint("beta", s => s.Handler<PingHandler>())))
        {
            var bus = sender.Buses().Get("beta");
            for (var batch = 0; batch < count / 100; batch++)
            {
                using var scope = new RebusTransactionScope();
                for (var i = 0; i < 100; i++)
                {
                    await bus.Advanced.Routing.Send("alpha", new Ping(batch * 100 + i));
                }

                await scope.CompleteAsync();
            }
        }

        var stopwatch = Stopwatch.StartNew();
        using var host = await TestBus.StartAsync(options, probe, TestBus.Endpoint("alpha", s => s.Handler<PingHandler>()));
        await Probe.WaitUntil(() => probe.Seen.Count >= count, Patience, "queue drained");
        stopwatch.Stop();
        TestContext.WriteLine($"{GetType().Name}: drained {count} messages in {stopwatch.Elapsed.TotalSeconds:F2} s = {count / stopwatch.Elapsed.TotalSeconds:F0} msg/s " +
            $"(workers {options.Workers}, parallelism {options.MaxParallelism}, back-off {options.IdleBackoffMinMilliseconds}-{options.IdleBackoffMaxMilliseconds} ms)");
        Assert.AreEqual(count, probe.Seen.Select(s => ((Ping)s.Message).N).Distinct().Count());
    }

    protected async Task<TransportMessage?> ReceiveRawAsync(BusOptions options, string queue) => await Task.Run(async () =>
    {
        var transport = RawTransport(options, queue);
        using var scope = new RebusTransactionScope();
        var message = await transport.Receive(scope.TransactionContext, CancellationToken.None);
        await scope.CompleteAsync();
        return message;
    });

    private static ServiceProvider Stores(BusOptions options)
    {
        var services = new ServiceCollection();
        services.AddEgiszBusStorage(options);
        return services.BuildServiceProvider();
    }
}

