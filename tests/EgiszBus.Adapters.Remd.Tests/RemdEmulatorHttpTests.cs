using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EgiszBus.Samples.RemdEmulator;

namespace EgiszBus.Adapters.Remd.Tests;

[TestClass]
public sealed class RemdEmulatorHttpTests
{
    private static readonly HttpClient Http = new();

    [TestMethod]
    public async Task GivenRegistrations_WhenReadingLedgerOverHttp_ThenCountsAndDocumentBytes()
    {
        await using var listener = await CallbackListener.StartAsync();
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions { CallbackUri = listener.Uri, CallbackDelay = TimeSpan.FromMilliseconds(20) }, CancellationToken.None);
        var client = new RemdSoapClient(Http, new RemdClientOptions { ServiceUri = emulator.ServiceUri, ClientEntityId = RemdSamples.ClientEntityId }, TimeProvider.System);
        var request = RemdSamples.Request();
        await client.RegisterDocumentAsync(request);
        var callback = await listener.NextAsync();
        await client.RegisterDocumentAsync(request);

        using var ledger = JsonDocument.Parse(await Http.GetStringAsync(emulator.LedgerUri));
        var totals = ledger.RootElement.GetProperty("totals");
        var entry = ledger.RootElement.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("localUid").GetString() == request.LocalUid);
        var document = await Http.GetByteArrayAsync(new Uri(emulator.LedgerUri, $"ledger/{request.LocalUid}/document"));
        using var missing = await Http.GetAsync(new Uri(emulator.LedgerUri, "ledger/unknown/document"));

        Assert.AreEqual(2, totals.GetProperty("requests").GetInt32());
        Assert.AreEqual(1, totals.GetProperty("callbacksSent").GetInt32());
        Assert.AreEqual(2, entry.GetProperty("registerRequests").GetInt32());
        Assert.AreEqual(1, entry.GetProperty("registrations").GetInt32());
        Assert.AreEqual(1, entry.GetProperty("callbacksSent").GetInt32());
        Assert.AreEqual("Registered", entry.GetProperty("status").GetString());
        Assert.AreEqual(callback.EmdrId, entry.GetProperty("emdrId").GetString());
        CollectionAssert.AreEqual(request.Document, document);
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [TestMethod]
    public async Task GivenFaultsPostedAsJson_WhenRegistering_ThenFaultApplies()
    {
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions(), CancellationToken.None);
        var client = new RemdSoapClient(Http, new RemdClientOptions { ServiceUri = emulator.ServiceUri, ClientEntityId = RemdSamples.ClientEntityId }, TimeProvider.System);
        var faultsUri = new Uri(emulator.LedgerUri, "faults");

        using var posted = await Http.PostAsync(faultsUri, new StringContent("{\"errorRate\":1.0,\"latency\":\"00:00:00.010\"}", Encoding.UTF8, "application/json"));
        var faulted = await client.RegisterDocumentAsync(RemdSamples.Request());
        using var cleared = await Http.PostAsync(faultsUri, new StringContent("{}", Encoding.UTF8, "application/json"));
        var accepted = await client.RegisterDocumentAsync(RemdSamples.Request());
        using var bad = await Http.PostAsync(faultsUri, new StringContent("{\"errorRate\":", Encoding.UTF8, "application/json"));

        Assert.AreEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.AreEqual(RemdOutcome.Retryable, faulted.Outcome);
        Assert.AreEqual(RemdOutcome.Accepted, accepted.Outcome);
        Assert.AreEqual(0.0, emulator.Faults.ErrorRate);
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.AreEqual(1, emulator.Ledger.Totals.FaultsInjected);
    }

    [TestMethod]
    public async Task GivenSameSeed_WhenErrorRateHalf_ThenSameFaultPattern()
    {
        async Task<string> PatternAsync()
        {
            await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions { Seed = 7, CallbackDelay = TimeSpan.FromHours(1), Faults = new RemdEmulatorFaults { ErrorRate = 0.5 } }, CancellationToken.None);
            var client = new RemdSoapClient(Http, new RemdClientOptions { ServiceUri = emulator.ServiceUri, ClientEntityId = RemdSamples.ClientEntityId }, TimeProvider.System);
            var pattern = new StringBuilder();
            for (var i = 0; i < 16; i++)
            {
                pattern.Append((await client.RegisterDocumentAsync(RemdSamples.Request())).Outcome == RemdOutcome.Accepted ? 'A' : 'F');
            }

            return pattern.ToString();
        }

        var first = await PatternAsync();
        var second = await PatternAsync();

        Assert.AreEqual(first, second);
        StringAssert.Contains(first, "A");
        StringAssert.Contains(first, "F");
    }

    [TestMethod]
    public async Task GivenNonSoapBody_WhenPostedToService_ThenSoapSenderFault400()
    {
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions(), CancellationToken.None);

        using var response = await Http.PostAsync(emulator.ServiceUri, new StringContent("not xml", Encoding.UTF8, "application/soap+xml"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(body, "Sender");
        StringAssert.StartsWith(emulator.ServiceUri.AbsoluteUri, "http://127.0.0.1:");
    }
}
