using System.Text;
using EgiszBus.Adapters.Remd;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Adapters.Signatures.Xml;
using EgiszBus.Endpoints.Remd;
using EgiszBus.Samples.RemdEmulator;
using EgiszBus.TestKit;

namespace EgiszBus.Host.Tests.Tools;

/// <summary>
/// A real registration by <see cref="RemdSoapClient"/> to the REMD emulator over loopback HTTP, signed by
/// <see cref="WsSecuritySoapEnvelopeSigner"/> with the sample organisation key; the bytes on the wire are captured and verified.
/// </summary>
[TestClass]
public sealed class WsSecuritySoapEnvelopeSignerTests
{
    private static readonly string Pki = Path.Combine(RepositoryPaths.Samples, "Pki");

    [TestMethod]
    public async Task GivenOrganisationKey_WhenRemdClientRegisters_ThenWireEnvelopeVerifiesWithBodyReference()
    {
        var sent = await RegisterAndCaptureAsync();
        var verifier = new XmlSignatureVerifier(TrustStore.Load(Path.Combine(Pki, "ca.pem")));

        var result = verifier.Verify(sent.Request);

        Assert.AreEqual(RemdOutcome.Accepted, sent.Outcome);
        Assert.IsTrue(result.IsValid, string.Join("; ", result.Problems));
        Assert.AreEqual("body", result.SignedElementId);
        Assert.AreEqual("1027700000001", result.Signer!.Ogrn);
        Assert.Contains("wsse:BinarySecurityToken", Encoding.UTF8.GetString(sent.Request));
    }

    [TestMethod]
    public async Task GivenSignedWireEnvelope_WhenBodyChanged_ThenDigestMismatch()
    {
        var sent = await RegisterAndCaptureAsync();
        var text = Encoding.UTF8.GetString(sent.Request);
        var tampered = text.Replace("Смирнов", "Смирнова", StringComparison.Ordinal);

        var result = new XmlSignatureVerifier(TrustStore.Load(Path.Combine(Pki, "ca.pem"))).Verify(Encoding.UTF8.GetBytes(tampered));

        Assert.AreNotEqual(text, tampered);
        Assert.AreEqual(SignatureErrorCodes.XmlDigestMismatch, result.Problems.Single().Code);
    }

    [TestMethod]
    public void GivenKeyOfAnotherCertificate_WhenCreated_ThenRefused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => WsSecuritySoapEnvelopeSigner.FromPemFiles(
            Path.Combine(Pki, "organization.pem"), Path.Combine(Pki, "doctors", "23456789099.key.pem")));
    }

    private static async Task<(RemdOutcome Outcome, byte[] Request)> RegisterAndCaptureAsync()
    {
        await using var emulator = await RemdEmulator.StartAsync(new RemdEmulatorOptions { CallbackDelay = TimeSpan.FromHours(1) }, CancellationToken.None);
        var capture = new CapturingHandler();
        using var http = new HttpClient(capture);
        var signer = WsSecuritySoapEnvelopeSigner.FromPemFiles(Path.Combine(Pki, "organization.pem"), Path.Combine(Pki, "organization.key.pem"));
        var client = new RemdSoapClient(http, new RemdClientOptions { ServiceUri = emulator.ServiceUri, ClientEntityId = "7c0f3b4e-2d7a-4f6e-9a51-3c1e8b2d9f10" },
            TimeProvider.System, signer);
        var uid = Guid.NewGuid().ToString();
        var document = Encoding.UTF8.GetBytes($"<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><id root=\"1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51\" extension=\"{uid}\"/></ClinicalDocument>");
        var request = new RemdRegistrationRequest(uid, "ЛИ-2025-0001", "186", "1.2.643.5.1.13.13.12.2.77.7973", "1.2.643.5.1.13.13.12.2.77.7973.0.224589",
            new DateTimeOffset(2025, 9, 2, 10, 15, 0, TimeSpan.FromHours(3)),
            new RemdPatient("456-789-012 38", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"),
            [new RemdSigner("DOCTOR", "234-567-890 99", "35", "Врач клинической лабораторной диагностики", [0x30, 0x03, 0x02, 0x01, 0x00])],
            document);

        var result = await client.RegisterDocumentAsync(request);

        return (result.Outcome, capture.Requests.Single());
    }

    /// <summary>Keeps a copy of every request body, then sends the request on unchanged.</summary>
    private sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<byte[]> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
