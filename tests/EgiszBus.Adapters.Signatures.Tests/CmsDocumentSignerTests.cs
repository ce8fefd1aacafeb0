using EgiszBus.TestKit;
using Org.BouncyCastle.Cms;

namespace EgiszBus.Adapters.Signatures.Tests;

[TestClass]
public sealed class CmsDocumentSignerTests
{
    private static readonly DateTimeOffset SigningNow = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);
    private static TestPki pki = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context) => pki = TestPki.Create();

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    [DataRow("gost2012_256", "A", null, DisplayName = "GOST 2012-256 CryptoPro-A")]
    [DataRow("gost2012_256", "TCB", null, DisplayName = "GOST 2012-256 TC26-B")]
    [DataRow("gost2012_512", "A", null, DisplayName = "GOST 2012-512 TC26-A")]
    [DataRow("RSA", "2048", "rsa", DisplayName = "RSA-2048")]
    [DataRow("EC", "P-256", "rsa", DisplayName = "ECDSA P-256")]
    [DataRow("EC", "P-384", "rsa", DisplayName = "ECDSA P-384")]
    public void GivenOpenSslMadeKey_WhenWeSign_ThenOpenSslAndWeVerify(string algorithm, string parameter, string? issuer)
    {
        var key = pki.Signer(algorithm, parameter, issuer is null ? pki.Root : pki.RsaRoot);
        var signer = CmsDocumentSigner.FromPemFiles(key.Certificate, key.Key, new FixedTimeProvider(SigningNow));

        var signature = signer.SignDetached(pki.Content);

        var signaturePath = pki.Ssl.WriteFile($"ours-{algorithm}-{parameter}.p7s", signature);
        var caFile = issuer is null ? pki.Root.Certificate : pki.RsaRoot.Certificate;
        var openssl = pki.Ssl.VerifyDetached(pki.ContentPath, signaturePath, caFile);
        Assert.AreEqual(0, openssl.ExitCode, openssl.Output);
        var ours = pki.Verifier().Verify(pki.Content, signature);
        Assert.IsTrue(ours.IsValid, CmsSignatureVerifierTests.Describe(ours));
    }

    [TestMethod]
    public void GivenOurSignature_WhenDecoded_ThenDetachedOneSignerCertificateEmbeddedAndSigningTimeFromTimeProvider()
    {
        var key = pki.Signer();
        var signer = CmsDocumentSigner.FromPemFiles(key.Certificate, key.Key, new FixedTimeProvider(SigningNow));

        var cms = new CmsSignedData(signer.SignDetached(pki.Content));

        Assert.IsNull(cms.SignedContent, "detached: no encapsulated content");
        var signerInfo = cms.GetSignerInfos().GetSigners().Single();
        Assert.AreEqual(1, cms.GetCertificates().EnumerateMatches(null).Count());
        var signingTime = Org.BouncyCastle.Asn1.Cms.Time.GetInstance(
            signerInfo.SignedAttributes[Org.BouncyCastle.Asn1.Cms.CmsAttributes.SigningTime].AttrValues[0]).ToDateTime();
        Assert.AreEqual(SigningNow.UtcDateTime, signingTime.ToUniversalTime());
        Assert.IsNotNull(signerInfo.SignedAttributes[Org.BouncyCastle.Asn1.Cms.CmsAttributes.MessageDigest]);
        Assert.IsNotNull(signerInfo.SignedAttributes[Org.BouncyCastle.Asn1.Cms.CmsAttributes.ContentType]);
    }

    [TestMethod]
    public void GivenSigningTimeBeforeCertificateValidity_WhenVerified_ThenCertificateNotYetValid()
    {
        var key = pki.Signer();
        var signer = CmsDocumentSigner.FromPemFiles(key.Certificate, key.Key, new FixedTimeProvider(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)));

        var result = pki.Verifier().Verify(pki.Content, signer.SignDetachedBase64(pki.Content).Select(c => (byte)c).ToArray());

        CmsSignatureVerifierTests.AssertOnly(result, SignatureErrorCodes.CertificateNotYetValid);
    }

    [TestMethod]
    public void GivenContainerWithoutSigners_WhenVerified_ThenSignerCountWithNoSignatureRemdCode()
    {
        var generator = new CmsSignedDataGenerator();
        generator.AddCertificates(Org.BouncyCastle.Utilities.Collections.CollectionUtilities.CreateStore(
            new[] { new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(File.ReadAllBytes(pki.Root.Certificate)) }));
        var certificatesOnly = generator.Generate(new CmsProcessableByteArray(pki.Content), encapsulate: false).GetEncoded();

        var result = pki.Verifier().Verify(pki.Content, certificatesOnly);

        CmsSignatureVerifierTests.AssertOnly(result, SignatureErrorCodes.SignerCount);
        Assert.AreEqual("NO_SIGNATURE", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenKeyOfAnotherCertificate_WhenSignerCreated_ThenArgumentException()
    {
        var first = pki.Signer();
        var second = pki.Signer();

        Assert.ThrowsExactly<ArgumentException>(() => CmsDocumentSigner.FromPemFiles(first.Certificate, second.Key));
    }

    [TestMethod]
    [DataRow("doctors/23456789099", "23456789099", null)]
    [DataRow("doctors/34567890123", "34567890123", null)]
    [DataRow("organization", null, "1027700000001")]
    public void GivenSamplePki_WhenSignedAndVerified_ThenValidWithIdentity(string name, string? snils, string? ogrn)
    {
        var folder = Path.Combine(RepositoryPaths.Samples, "Pki");
        var signer = CmsDocumentSigner.FromPemFiles(Path.Combine(folder, name + ".pem"), Path.Combine(folder, name + ".key.pem"),
            new FixedTimeProvider(SigningNow));
        var verifier = new CmsSignatureVerifier(TrustStore.Load(Path.Combine(folder, "ca.pem")));

        var signature = signer.SignDetached(pki.Content);
        var result = verifier.Verify(pki.Content, signature, SigningNow);

        Assert.IsTrue(result.IsValid, CmsSignatureVerifierTests.Describe(result));
        Assert.AreEqual(snils, result.Signer!.Snils);
        Assert.AreEqual(ogrn, result.Signer.Ogrn);
        var openssl = pki.Ssl.VerifyDetached(pki.ContentPath, pki.Ssl.WriteFile(name.Replace('/', '-') + ".p7s", signature),
            Path.Combine(folder, "ca.pem"));
        Assert.AreEqual(0, openssl.ExitCode, openssl.Output);
    }
}
