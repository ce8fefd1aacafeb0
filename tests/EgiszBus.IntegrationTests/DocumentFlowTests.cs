using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Semd;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Samples.RemdEmulator;
using EgiszBus.TestKit;

namespace EgiszBus.IntegrationTests;

/// <summary>
/// The whole flow — HTTP submit → SEMD → signature → REMD emulator → callback → Registered — written once and run on
/// every transport (one-line subclasses below).
/// </summary>
public abstract class DocumentFlowTests
{
    /// <summary>The transport under test.</summary>
    protected abstract TransportKind Transport { get; }

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task GivenTheSamples_WhenSubmitted_ThenEachIsRegisteredOnceAndTheSemdSentPassesTheOfficialRules()
    {
        await using var hub = await TestHub.CreateAsync(Transport);
        await hub.StartAsync();

        var ids = new List<Guid>();
        for (var i = 0; i < TestHub.SampleFiles.Count; i++)
        {
            ids.Add(await hub.Mis.SubmitAsync(TestHub.Sample(i)));
        }

        var statuses = await hub.WaitForFinalAsync(ids, TimeSpan.FromSeconds(60));
        foreach (var status in statuses.Values)
        {
            Assert.AreEqual("Registered", status.GetProperty("state").GetString(), status.ToString());
            StringAssert.StartsWith(status.GetProperty("emdrId").GetString(), "16.62.23.09.");
        }

        var ledger = hub.Emulator.Ledger;
        Assert.AreEqual(ids.Count, ledger.Documents.Count);
        foreach (var entry in ledger.Documents)
        {
            Assert.AreEqual(1, entry.Registrations, entry.LocalUid);
            var file = Path.Combine(hub.DataDirectory, entry.LocalUid + ".xml");
            await File.WriteAllBytesAsync(file, hub.Emulator.GetDocument(entry.LocalUid)!);
            var semd = await File.ReadAllBytesAsync(file);
            var kind = new SemdToFhirTranslator().Translate(semd).Kind;
            Assert.IsNotNull(kind, entry.LocalUid);
            if (!SemdSchematron.RulesMatch(kind, semd))
            {
                TestContext.WriteLine($"{entry.LocalUid}: the shared rules for kind {kind} are another kind's; schematron not applicable");
                continue;
            }

            var report = SemdSchematron.Validate(kind, file);
            Assert.AreEqual(0, report.ErrorCount, report.Output);
        }
    }

    [TestMethod]
    public async Task GivenRemdWithErrorsAnOutageAndLostCallbacks_WhenABatchIsSubmitted_ThenEveryDocumentEndsRegisteredExactlyOnce()
    {
        await using var hub = await TestHub.CreateAsync(Transport);
        await hub.StartAsync();
        hub.Emulator.Faults = new RemdEmulatorFaults
        {
            ErrorRate = 0.3,
            AcceptThenFailRate = 0.2,
            LostCallbackRate = 0.3,
            OutageUntil = DateTimeOffset.UtcNow.AddSeconds(10),
        };

        const int count = 20;
        var ids = new List<Guid>();
        var signed = new List<string>();
        for (var i = 0; i < count; i++)
        {
            // Signing needs the gateway's rendering: render before the faults matter, submit during the outage.
            signed.Add(await hub.Mis.SignAsync(TestHub.Sample(i, 1000 + i)));
        }

        foreach (var bundle in signed)
        {
            ids.Add(await SubmitSignedAsync(hub, bundle));
        }

        var statuses = await hub.WaitForFinalAsync(ids, TimeSpan.FromSeconds(150));
        Assert.IsTrue(statuses.Values.All(s => s.GetProperty("state").GetString() == "Registered"),
            string.Join(Environment.NewLine, statuses.Values.Select(s => s.ToString())));

        var ledger = hub.Emulator.Ledger;
        TestContext.WriteLine($"{Transport}: requests {ledger.Totals.Requests}, faults {ledger.Totals.FaultsInjected}, callbacks lost {ledger.Totals.CallbacksLost}");
        Assert.AreEqual(count, ledger.Documents.Count);
        Assert.IsTrue(ledger.Documents.All(d => d.Registrations == 1), "a localUid was registered more than once");
        Assert.IsTrue(ledger.Totals.FaultsInjected > 0, "the emulator injected no fault: the test proves nothing");
        Assert.IsTrue(ledger.Totals.CallbacksLost > 0, "no callback was lost: the test proves nothing");
    }

    [TestMethod]
    public async Task GivenBadInputs_WhenSubmitted_ThenEachIsRefusedWithCodeAndLocationAndGoodDocumentsStillGetRegistered()
    {
        await using var hub = await TestHub.CreateAsync(Transport);
        await hub.StartAsync();
        var good = TestHub.LaboratorySample(0, 2001);

        var malformed = await PostAsync(hub, "{\n  \"resourceType\": \"Bundle\",\n  \"type\": \"document\",,\n}");
        AssertProblem(malformed, "TRN-001", "line 3, column 22");

        var notADocument = await PostAsync(hub, SampleVariants.Change(good, b => b["type"] = "collection"));
        AssertProblem(notADocument, "TRN-004", "Bundle.type");

        var noSnils = await PostAsync(hub, SampleVariants.Change(good, b =>
        {
            var patient = SampleVariants.Resource(b, "Patient");
            var identifiers = patient["identifier"]!.AsArray();
            foreach (var snils in identifiers.Where(i => i!["system"]!.GetValue<string>() == "urn:oid:1.2.643.100.3").ToList())
            {
                identifiers.Remove(snils);
            }
        }));
        AssertProblem(noSnils, "TRN-009", "identifier");

        var wrongChecksum = await PostAsync(hub, SampleVariants.Change(good, b =>
        {
            var patient = SampleVariants.Resource(b, "Patient");
            var snils = patient["identifier"]!.AsArray().First(i => i!["system"]!.GetValue<string>() == "urn:oid:1.2.643.100.3")!;
            var value = snils["value"]!.GetValue<string>();
            snils["value"] = value[..^1] + (value[^1] == '9' ? '0' : (char)(value[^1] + 1));
        }));
        AssertProblem(wrongChecksum, "TRN-010", "identifier");

        // Signed, then changed: the gateway accepts the Bundle, the documents endpoint refuses the signature.
        var signed = await hub.Mis.SignAsync(TestHub.LaboratorySample(1, 2002));
        var tampered = SampleVariants.Change(signed, b =>
        {
            var observation = SampleVariants.Resource(b, "Observation");
            observation["valueQuantity"]!["value"] = observation["valueQuantity"]!["value"]!.GetValue<decimal>() + 1;
        });
        var tamperedId = await SubmitSignedAsync(hub, tampered);
        var goodId = await hub.Mis.SubmitAsync(good);

        var statuses = await hub.WaitForFinalAsync([tamperedId, goodId], TimeSpan.FromSeconds(60));
        var refused = statuses[tamperedId];
        Assert.AreEqual("Rejected", refused.GetProperty("state").GetString());
        var problem = refused.GetProperty("problems").EnumerateArray().Single();
        Assert.AreEqual("SIG-004", problem.GetProperty("code").GetString());
        Assert.AreEqual("Bundle.signature", problem.GetProperty("location").GetString());
        Assert.AreEqual("Registered", statuses[goodId].GetProperty("state").GetString());
        Assert.AreEqual(1, hub.Emulator.Ledger.Documents.Count, "only the good document reaches REMD");
    }

    [TestMethod]
    public async Task GivenRemdDownPastTheDeadline_WhenADocumentIsSubmitted_ThenItEndsFailedWithTheReason()
    {
        await using var hub = await TestHub.CreateAsync(Transport);
        hub.Settings["Remd:Retry:Deadline"] = "00:00:04";
        await hub.StartAsync();
        var signed = await hub.Mis.SignAsync(TestHub.LaboratorySample(0, 4001));
        hub.Emulator.Faults = new RemdEmulatorFaults { OutageUntil = DateTimeOffset.UtcNow.AddHours(1) };

        var id = await SubmitSignedAsync(hub, signed);
        var status = (await hub.WaitForFinalAsync([id], TimeSpan.FromSeconds(60)))[id];

        Assert.AreEqual("Failed", status.GetProperty("state").GetString(), status.ToString());
        Assert.AreEqual("REMD_REGISTRATION_FAILED", status.GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.AreEqual(0, hub.Emulator.Ledger.Documents.Count(d => d.Registrations > 0));
    }

    [TestMethod]
    public async Task GivenRemdRefusesThePatient_WhenSubmitted_ThenTheDocumentIsRejectedWithRemdsCode()
    {
        var refusedSnils = SampleVariants.Resource(JsonNode.Parse(TestHub.LaboratorySample(1))!.AsObject(), "Patient")["identifier"]!.AsArray()
            .First(i => i!["system"]!.GetValue<string>() == "urn:oid:1.2.643.100.3")!["value"]!.GetValue<string>();
        await using var hub = await TestHub.CreateAsync(Transport, new RemdEmulatorOptions
        {
            RejectPatientSnils = [new string(refusedSnils.Where(char.IsDigit).ToArray())],
        });
        await hub.StartAsync();

        var refused = await hub.Mis.SubmitAsync(TestHub.LaboratorySample(1, 5001));
        var accepted = await hub.Mis.SubmitAsync(TestHub.LaboratorySample(0, 5002));
        var statuses = await hub.WaitForFinalAsync([refused, accepted], TimeSpan.FromSeconds(60));

        Assert.AreEqual("Rejected", statuses[refused].GetProperty("state").GetString(), statuses[refused].ToString());
        Assert.AreEqual("PATIENT_MPI_MISMATCH", statuses[refused].GetProperty("problems")[0].GetProperty("code").GetString());
        Assert.AreEqual("Registered", statuses[accepted].GetProperty("state").GetString());
    }

    [TestMethod]
    public async Task GivenADocumentSignedByAnotherDoctor_WhenSubmitted_ThenItIsRejectedBecauseTheSignerIsNotTheAuthor()
    {
        await using var hub = await TestHub.CreateAsync(Transport);
        await hub.StartAsync();
        var bundle = TestHub.LaboratorySample(0, 6001);
        var author = SampleVariants.Resource(JsonNode.Parse(bundle)!.AsObject(), "Practitioner")["identifier"]!.AsArray()
            .First(i => i!["system"]!.GetValue<string>() == "urn:oid:1.2.643.100.3")!["value"]!.GetValue<string>();
        var otherDoctor = Directory.GetFiles(Path.Combine(TestHub.Pki, "doctors"), "*.key.pem")
            .Select(f => Path.GetFileName(f)[..11]).First(snils => snils != new string(author.Where(char.IsDigit).ToArray()));

        var id = await SubmitSignedAsync(hub, await hub.Mis.SignAsync(bundle, otherDoctor));
        var status = (await hub.WaitForFinalAsync([id], TimeSpan.FromSeconds(60)))[id];

        Assert.AreEqual("Rejected", status.GetProperty("state").GetString(), status.ToString());
        var problem = status.GetProperty("problems").EnumerateArray().Single();
        Assert.AreEqual("DOC-002", problem.GetProperty("code").GetString());
        Assert.AreEqual("Bundle.signature", problem.GetProperty("location").GetString());
        Assert.AreEqual(0, hub.Emulator.Ledger.Documents.Count, "a document signed by someone else must not reach REMD");
    }

    private static async Task<Guid> SubmitSignedAsync(TestHub hub, string signedBundle)
    {
        using var response = await PostAsync(hub, signedBundle);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task<HttpResponseMessage> PostAsync(TestHub hub, string body)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
        return await hub.Http.PostAsync("api/v1/documents", content);
    }

    private static void AssertProblem(HttpResponseMessage response, string code, string locationPart)
    {
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        var problems = JsonNode.Parse(body)!["problems"]!.AsArray();
        Assert.IsTrue(problems.Any(p => p!["code"]!.GetValue<string>() == code
            && (p["location"]?.GetValue<string>() ?? "").Contains(locationPart, StringComparison.Ordinal)), $"expected {code} at {locationPart}: {body}");
    }
}

[TestClass]
public sealed class EmbeddedDocumentFlowTests : DocumentFlowTests
{
    protected override TransportKind Transport => TransportKind.Embedded;
}

[TestClass]
public sealed class PostgreSqlDocumentFlowTests : DocumentFlowTests
{
    protected override TransportKind Transport => TransportKind.PostgreSql;
}
