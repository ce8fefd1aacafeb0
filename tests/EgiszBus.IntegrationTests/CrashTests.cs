using System.Net;
using System.Text;
using System.Text.Json;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Samples.RemdEmulator;

namespace EgiszBus.IntegrationTests;

/// <summary>
/// Kills the hub process with SIGKILL in the middle of a batch and starts it again: every accepted document must
/// still end Registered, and REMD (the emulator's ledger) must have registered each localUid exactly once.
/// </summary>
public abstract class CrashTests
{
    private const int Documents = 30;

    /// <summary>The transport under test.</summary>
    protected abstract TransportKind Transport { get; }

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GivenABatchInFlight_WhenTheHubIsKilledAndRestarted_ThenNothingIsLostAndNothingRegisteredTwice()
    {
        await using var hub = await TestHub.CreateAsync(Transport, new RemdEmulatorOptions { CallbackDelay = TimeSpan.FromMilliseconds(300) });
        hub.Settings["Bus:EmbeddedLeaseSeconds"] = "5";
        var arguments = new List<string> { "run" };
        arguments.AddRange(hub.Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"));

        var first = HubProcess.Start(arguments, hub.DataDirectory);
        try
        {
            await WaitForHealthAsync(hub, first);
            var signed = new List<string>();
            for (var i = 0; i < Documents; i++)
            {
                signed.Add(await hub.Mis.SignAsync(TestHub.Sample(i, 3000 + i)));
            }

            hub.Emulator.Faults = new RemdEmulatorFaults { Latency = TimeSpan.FromMilliseconds(150) };
            var ids = new List<Guid>();
            foreach (var bundle in signed)
            {
                using var response = await hub.Http.PostAsync("api/v1/documents", new StringContent(bundle, Encoding.UTF8, "application/fhir+json"));
                Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
                ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
            }

            // Kill once REMD has seen part of the batch, but not all of it.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (hub.Emulator.Ledger.Documents.Count < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            var seenBeforeKill = hub.Emulator.Ledger.Documents.Count;
            first.Kill();
            TestContext.WriteLine($"{Transport}: killed with {seenBeforeKill} of {Documents} documents seen by REMD");
            Assert.IsTrue(seenBeforeKill < Documents, "the batch finished before the kill: the test proves nothing");

            using var second = HubProcess.Start(arguments, hub.DataDirectory);
            await WaitForHealthAsync(hub, second);
            IReadOnlyDictionary<Guid, JsonElement> statuses;
            try
            {
                statuses = await hub.WaitForFinalAsync(ids, TimeSpan.FromSeconds(120));
            }
            catch (AssertFailedException)
            {
                // What the restarted hub logged (PII is masked by the hub) and what REMD saw, for the diagnosis.
                TestContext.WriteLine("restarted hub output (tail):\n" + string.Join('\n', second.Output.Split('\n').TakeLast(150)));
                TestContext.WriteLine("REMD ledger: " + string.Join("; ", hub.Emulator.Ledger.Documents.Select(d => $"{d.LocalUid} x{d.Registrations}")));
                throw;
            }

            Assert.IsTrue(statuses.Values.All(s => s.GetProperty("state").GetString() == "Registered"),
                string.Join(Environment.NewLine, statuses.Values.Where(s => s.GetProperty("state").GetString() != "Registered")));

            var ledger = hub.Emulator.Ledger;
            Assert.AreEqual(Documents, ledger.Documents.Count);
            Assert.IsTrue(ledger.Documents.All(d => d.Registrations == 1), "a localUid was registered twice");
        }
        finally
        {
            first.Dispose();
        }
    }

    private static async Task WaitForHealthAsync(TestHub hub, HubProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.IsFalse(process.HasExited, "egiszbus exited: " + process.Output);
            try
            {
                using var response = await hub.Http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        Assert.Fail("egiszbus did not answer /health: " + process.Output);
    }
}

[TestClass]
public sealed class EmbeddedCrashTests : CrashTests
{
    protected override TransportKind Transport => TransportKind.Embedded;
}

[TestClass]
public sealed class PostgreSqlCrashTests : CrashTests
{
    protected override TransportKind Transport => TransportKind.PostgreSql;
}
