using System.Net;
using System.Net.Sockets;
using EgiszBus.Samples.RemdEmulator;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Remd.Tests;

[TestClass]
public sealed class RemdSoapClientTests
{
    private static readonly HttpClient Http = new();

    private static RemdSoapClient Client(Uri serviceUri, TimeSpan? timeout = null) =>
        new(Http, new RemdClientOptions { ServiceUri = serviceUri, ClientEntityId = RemdSamples.ClientEntityId, Timeout = timeout ?? TimeSpan.FromSeconds(5) }, TimeProvider.System);

    private static Task<RemdEmulator> StartEmulatorAsync(CallbackListener? listener, RemdEmulatorOptions? options = null) =>
        RemdEmulator.StartAsync((options ?? new RemdEmulatorOptions()) with { CallbackUri = listener?.Uri, CallbackDelay = TimeSpan.FromMilliseconds(30), CallbackRetryDelay = TimeSpan.FromMilliseconds(30) }, CancellationToken.None);

    private static async Task<RemdSearchResult> SearchUntilFoundAsync(RemdSoapClient client, string localUid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var result = await client.SearchRegistryItemAsync(localUid);
            if (result.Found || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(20);
        }
    }

    [TestMethod]
    public async Task GivenValidRequest_WhenRegistering_ThenAcceptedAndSuccessCallbackRelatesToMessageId()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener);
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        var result = await client.RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome, result.Detail);
        StringAssert.StartsWith(result.MessageId, "urn:uuid:");
        var callback = await listener.NextAsync();
        Assert.IsTrue(callback.Success);
        Assert.AreEqual(result.MessageId, callback.RelatesToMessageId);
        Assert.AreEqual(request.LocalUid, callback.LocalUid);
        StringAssert.Matches(callback.EmdrId, new System.Text.RegularExpressions.Regex(@"^16\.62\.23\.09\.\d{9}$"));
        Assert.IsNotNull(callback.RegistrationDateTime);
        CollectionAssert.AreEqual(request.Document, emulator.GetDocument(request.LocalUid));
    }

    [TestMethod]
    public async Task GivenRegisteredLocalUid_WhenRegisteringAgain_ThenRejectedAsDuplicateAndRegisteredOnce()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener);
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        var first = await client.RegisterDocumentAsync(request);
        await listener.NextAsync();
        var second = await client.RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Accepted, first.Outcome);
        Assert.AreEqual(RemdOutcome.Rejected, second.Outcome);
        Assert.IsTrue(second.IsDuplicate);
        Assert.AreEqual("NOT_UNIQUE_PROVIDED_ID", second.Errors.Single().Code);
        var entry = emulator.Ledger[request.LocalUid]!;
        Assert.AreEqual(2, entry.RegisterRequests);
        Assert.AreEqual(1, entry.Registrations);
        Assert.AreEqual("Registered", entry.Status);
    }

    [TestMethod]
    public async Task GivenLocalUidInProgress_WhenRegisteringAgain_ThenDuplicate()
    {
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions { CallbackDelay = TimeSpan.FromSeconds(30) }, CancellationToken.None);
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        await client.RegisterDocumentAsync(request);
        var second = await client.RegisterDocumentAsync(request);

        Assert.IsTrue(second.IsDuplicate);
        Assert.AreEqual(0, emulator.Ledger[request.LocalUid]!.Registrations);
        Assert.AreEqual("InProgress", emulator.Ledger[request.LocalUid]!.Status);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "503")]
    [DataRow(true, DisplayName = "dropped connection")]
    public async Task GivenOutage_WhenRegistering_ThenRetryableAndNothingRecorded(bool dropConnections)
    {
        await using var emulator = await StartEmulatorAsync(null);
        emulator.Faults = new RemdEmulatorFaults { OutageUntil = DateTimeOffset.UtcNow.AddMinutes(5), OutageDropsConnections = dropConnections };
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        var result = await client.RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Retryable, result.Outcome);
        Assert.IsNotNull(result.Detail);
        Assert.AreEqual("None", emulator.Ledger[request.LocalUid]!.Status);
        Assert.IsNull(emulator.GetDocument(request.LocalUid));
        Assert.AreEqual(1, emulator.Ledger.Totals.FaultsInjected);
    }

    [TestMethod]
    public async Task GivenErrorRateOne_WhenRegisteringRepeatedly_ThenAlwaysRetryableAndNeverRecorded()
    {
        await using var emulator = await StartEmulatorAsync(null, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { ErrorRate = 1.0 } });
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();
        var codes = new HashSet<string>();

        for (var i = 0; i < 12; i++)
        {
            var result = await client.RegisterDocumentAsync(request);
            Assert.AreEqual(RemdOutcome.Retryable, result.Outcome, result.Detail);
            codes.UnionWith(result.Errors.Select(e => e.Code));
        }

        var entry = emulator.Ledger[request.LocalUid]!;
        Assert.AreEqual(12, entry.RegisterRequests);
        Assert.AreEqual("None", entry.Status);
        Assert.AreEqual(12, emulator.Ledger.Totals.FaultsInjected);
        Assert.IsTrue(codes.IsSubsetOf(["RATE_LIMIT", "INTERNAL_ERROR"]), string.Join(",", codes));
    }

    [TestMethod]
    public async Task GivenErrorRateOneThenCleared_WhenRetrying_ThenAcceptedOnce()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { ErrorRate = 1.0 } });
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        var failed = await client.RegisterDocumentAsync(request);
        emulator.Faults = RemdEmulatorFaults.None;
        var retried = await client.RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Retryable, failed.Outcome);
        Assert.AreEqual(RemdOutcome.Accepted, retried.Outcome);
        Assert.AreEqual(retried.MessageId, (await listener.NextAsync()).RelatesToMessageId);
        Assert.AreEqual(1, emulator.Ledger[request.LocalUid]!.Registrations);
    }

    [TestMethod]
    public async Task GivenAcceptThenFail_WhenRetryingAndSearching_ThenDuplicateAndFoundWithEmdrId()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { AcceptThenFailRate = 1.0 } });
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        var first = await client.RegisterDocumentAsync(request);
        var retry = await client.RegisterDocumentAsync(request);
        var found = await SearchUntilFoundAsync(client, request.LocalUid);
        var callback = await listener.NextAsync();

        Assert.AreEqual(RemdOutcome.Retryable, first.Outcome);
        Assert.AreEqual(RemdOutcome.Rejected, retry.Outcome);
        Assert.IsTrue(retry.IsDuplicate);
        Assert.AreEqual(RemdOutcome.Accepted, found.Outcome);
        Assert.IsTrue(found.Found);
        Assert.AreEqual(callback.EmdrId, found.EmdrId);
        Assert.IsNotNull(found.RegistrationDateTime);
        Assert.AreEqual(first.MessageId, callback.RelatesToMessageId);
        Assert.AreEqual(1, emulator.Ledger[request.LocalUid]!.Registrations);
    }

    [TestMethod]
    public async Task GivenUnknownLocalUid_WhenSearching_ThenAcceptedNotFound()
    {
        await using var emulator = await StartEmulatorAsync(null);
        var client = Client(emulator.ServiceUri);

        var result = await client.SearchRegistryItemAsync(Guid.NewGuid().ToString());

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome);
        Assert.IsFalse(result.Found);
        Assert.IsNull(result.EmdrId);
    }

    [TestMethod]
    public async Task GivenLostCallback_WhenSearching_ThenFoundAlthoughNoCallbackArrived()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { LostCallbackRate = 1.0 } });
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        await client.RegisterDocumentAsync(request);
        var found = await SearchUntilFoundAsync(client, request.LocalUid);

        Assert.IsTrue(found.Found);
        Assert.IsFalse(await listener.AnyWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.AreEqual(1, emulator.Ledger.Totals.CallbacksLost);
        Assert.AreEqual(0, emulator.Ledger[request.LocalUid]!.CallbacksSent);
    }

    [TestMethod]
    public async Task GivenDuplicateCallbackRateOne_WhenRegistering_ThenSameCallbackArrivesTwice()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { DuplicateCallbackRate = 1.0 } });
        var client = Client(emulator.ServiceUri);

        var result = await client.RegisterDocumentAsync(RemdSamples.Request());
        var one = await listener.NextAsync();
        var two = await listener.NextAsync();

        Assert.AreEqual(result.MessageId, one.RelatesToMessageId);
        Assert.AreEqual(one.EmdrId, two.EmdrId);
        Assert.AreEqual(one.RelatesToMessageId, two.RelatesToMessageId);
    }

    [TestMethod]
    public async Task GivenListenerDownTwice_WhenCallbackDue_ThenDeliveredOnThirdAttempt()
    {
        await using var listener = await CallbackListener.StartAsync();
        listener.FailNext = 2;
        await using var emulator = await StartEmulatorAsync(listener);
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request();

        await client.RegisterDocumentAsync(request);
        var callback = await listener.NextAsync();

        Assert.IsTrue(callback.Success);
        Assert.AreEqual(2, emulator.Ledger.Totals.CallbackAttemptsFailed);
    }

    [TestMethod]
    public async Task GivenRejectedPatientAndUnknownKind_WhenRegistering_ThenAcceptedThenErrorCallbackWithCodes()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await StartEmulatorAsync(listener, new RemdEmulatorOptions
        {
            RejectPatientSnils = ["56789012343"],
            UnknownKinds = ["9999"],
        });
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request(patient: RemdSamples.Petrova, kind: "9999");

        var result = await client.RegisterDocumentAsync(request);
        var callback = await listener.NextAsync();

        Assert.AreEqual(RemdOutcome.Accepted, result.Outcome);
        Assert.IsFalse(callback.Success);
        Assert.IsNull(callback.EmdrId);
        CollectionAssert.AreEquivalent(new[] { "PATIENT_MPI_MISMATCH", "OBJECT_NOT_FOUND" }, callback.Errors.Select(e => e.Code).ToArray());
        Assert.AreEqual(RemdOutcome.Rejected, RemdErrorClassifier.Classify(callback.Errors));
        Assert.AreEqual("Rejected", emulator.Ledger[request.LocalUid]!.Status);
        Assert.AreEqual(0, emulator.Ledger[request.LocalUid]!.Registrations);
        Assert.IsFalse((await client.SearchRegistryItemAsync(request.LocalUid)).Found);
    }

    [TestMethod]
    public async Task GivenRequestWithoutSigners_WhenRegistering_ThenRejectedWithValidationError()
    {
        await using var emulator = await StartEmulatorAsync(null);
        var client = Client(emulator.ServiceUri);
        var request = RemdSamples.Request(signers: []);

        var result = await client.RegisterDocumentAsync(request);

        Assert.AreEqual(RemdOutcome.Rejected, result.Outcome);
        Assert.AreEqual("VALIDATION_ERROR", result.Errors.Single().Code);
        Assert.AreEqual("None", emulator.Ledger[request.LocalUid]!.Status);
    }

    [TestMethod]
    public async Task GivenLatencyAboveTimeout_WhenRegistering_ThenRetryableTimeout()
    {
        await using var emulator = await StartEmulatorAsync(null, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { Latency = TimeSpan.FromMilliseconds(600) } });
        var client = Client(emulator.ServiceUri, TimeSpan.FromMilliseconds(100));

        var result = await client.RegisterDocumentAsync(RemdSamples.Request());

        Assert.AreEqual(RemdOutcome.Retryable, result.Outcome);
        StringAssert.StartsWith(result.Detail, "timeout");
    }

    [TestMethod]
    public async Task GivenNothingListening_WhenRegisteringAndSearching_ThenRetryable()
    {
        var client = Client(new Uri($"http://127.0.0.1:{FreePort.Next()}/emdr/service"));

        var register = await client.RegisterDocumentAsync(RemdSamples.Request());
        var search = await client.SearchRegistryItemAsync("x");

        Assert.AreEqual(RemdOutcome.Retryable, register.Outcome);
        StringAssert.StartsWith(register.Detail, "network");
        Assert.AreEqual(RemdOutcome.Retryable, search.Outcome);
    }

    [TestMethod]
    public async Task GivenCancelledToken_WhenRegistering_ThenCancellationPropagates()
    {
        await using var emulator = await StartEmulatorAsync(null, new RemdEmulatorOptions { Faults = new RemdEmulatorFaults { Latency = TimeSpan.FromSeconds(2) } });
        var client = Client(emulator.ServiceUri);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAsync<OperationCanceledException>(() => client.RegisterDocumentAsync(RemdSamples.Request(), cts.Token));
    }
}
