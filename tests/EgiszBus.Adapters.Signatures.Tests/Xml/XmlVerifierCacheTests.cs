using EgiszBus.Adapters.Signatures.Xml;

namespace EgiszBus.Adapters.Signatures.Tests.Xml;

/// <summary>
/// The verifiers remember keys and certificate signatures already checked (process-wide). What they remember must never
/// stand in for the trust decision of another store, nor for a check of other bytes.
/// </summary>
[TestClass]
public sealed class XmlVerifierCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);
    private static TestPki pki = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context) => pki = TestPki.Create();

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    public void GivenSignerAlreadyVerifiedUnderItsCa_WhenVerifiedUnderStoreWithoutThatCa_ThenUntrustedChain()
    {
        var signed = Sign(pki.Signer());
        var trusting = new XmlSignatureVerifier(TrustStore.Load(pki.TrustFolder), new FixedTimeProvider(Now));
        var foreign = new XmlSignatureVerifier(TrustStore.Load(pki.ForeignRoot.Certificate), new FixedTimeProvider(Now));

        var first = trusting.Verify(signed);
        var elsewhere = foreign.Verify(signed);
        var again = trusting.Verify(signed);

        Assert.IsTrue(first.IsValid, string.Join("; ", first.Problems.Select(p => $"{p.Code} {p.Message}")));
        CollectionAssert.AreEqual(new[] { SignatureErrorCodes.UntrustedChain }, elsewhere.Problems.Select(p => p.Code).ToArray());
        Assert.IsTrue(again.IsValid);
    }

    [TestMethod]
    public void GivenSignerWithSameSubjectFromForeignCa_WhenVerifiedAfterTheTrustedOne_ThenUntrustedChain()
    {
        var trusted = Sign(pki.Signer());
        var impostor = Sign(pki.Signer(issuer: pki.ForeignRoot));
        var verifier = new XmlSignatureVerifier(TrustStore.Load(pki.TrustFolder), new FixedTimeProvider(Now));

        var genuine = verifier.Verify(trusted);
        var forged = verifier.Verify(impostor);

        Assert.IsTrue(genuine.IsValid);
        CollectionAssert.AreEqual(new[] { SignatureErrorCodes.UntrustedChain }, forged.Problems.Select(p => p.Code).ToArray());
    }

    private static byte[] Sign(TestPki.Issued signer) =>
        XmlDocumentSigner.FromPemFiles(signer.Certificate, signer.Key)
            .SignSoapEnvelope(File.ReadAllBytes(XmlSignatureVerifierTests.Sample("i-novus-common-sign-gost/ips/request.xml")));
}
