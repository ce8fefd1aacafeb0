using EgiszBus.Adapters.Signatures.Xml;

namespace EgiszBus.Adapters.Signatures.Tests;

/// <summary>CRLs made by <c>openssl ca -revoke</c> + <c>-gencrl</c> (GOST CA), used in CMS and XMLDSig verification.</summary>
[TestClass]
public sealed class CrlTests
{
    private static TestPki pki = null!;
    private static TestPki.Issued revoked = null!;
    private static TestPki.Issued kept = null!;
    private static TestPki.Issued revokedUnderIntermediate = null!;
    private static string rootCrl = null!;
    private static string intermediateCrl = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        pki = TestPki.Create();
        revoked = pki.Signer();
        kept = pki.Signer();
        revokedUnderIntermediate = pki.Signer(issuer: pki.Intermediate);
        Revoke(revoked, pki.Root);
        Revoke(revokedUnderIntermediate, pki.Intermediate);
        rootCrl = GenerateCrl("root", pki.Root);
        intermediateCrl = GenerateCrl("intermediate", pki.Intermediate);
    }

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    public void GivenCrlFiles_WhenLoaded_ThenStoreCarriesThem()
    {
        var store = TrustStore.Load([pki.TrustFolder], [rootCrl, intermediateCrl]);

        Assert.HasCount(2, store.Crls);
        Assert.HasCount(2, store.Certificates);
    }

    [TestMethod]
    public void GivenRevokedSigner_WhenCmsVerifiedWithRootCrl_ThenCertificateRevoked()
    {
        var verifier = new CmsSignatureVerifier(TrustStore.Load([pki.TrustFolder], [rootCrl]));

        var result = verifier.Verify(pki.Content, pki.OpenSslSign(revoked));

        Assert.IsFalse(result.IsValid);
        var problem = result.Problems.Single();
        Assert.AreEqual(SignatureErrorCodes.CertificateRevoked, problem.Code);
        Assert.AreEqual("PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT", problem.RemdCode);
    }

    [TestMethod]
    public void GivenRevokedSigner_WhenCmsVerifiedWithoutCrl_ThenValid()
    {
        var result = pki.Verifier().Verify(pki.Content, pki.OpenSslSign(revoked));

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenSignerNotInCrl_WhenCmsVerifiedWithCrl_ThenValid()
    {
        var verifier = new CmsSignatureVerifier(TrustStore.Load([pki.TrustFolder], [rootCrl, intermediateCrl]));

        var result = verifier.Verify(pki.Content, pki.OpenSslSign(kept));

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenCheckTimeBeforeRevocation_WhenCmsVerified_ThenNotRevoked()
    {
        var before = new FixedTimeProvider(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var verifier = new CmsSignatureVerifier(TrustStore.Load([pki.TrustFolder], [rootCrl]), timeProvider: before);

        var result = verifier.Verify(pki.Content, pki.OpenSslSign(revoked));

        Assert.IsFalse(result.Has(SignatureErrorCodes.CertificateRevoked), string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenSignerRevokedByIntermediate_WhenCmsVerifiedWithIntermediateCrl_ThenCertificateRevoked()
    {
        var signature = pki.OpenSslSign(revokedUnderIntermediate, "md_gost12_256", "-certfile", pki.Intermediate.Certificate);
        var withCrl = new CmsSignatureVerifier(TrustStore.Load([pki.TrustFolder], [intermediateCrl]));

        Assert.IsTrue(pki.Verifier().Verify(pki.Content, signature).IsValid);
        Assert.AreEqual(SignatureErrorCodes.CertificateRevoked, withCrl.Verify(pki.Content, signature).Problems.Single().Code);
    }

    [TestMethod]
    public void GivenTamperedIntermediateCrl_WhenCmsVerified_ThenCrlIgnored()
    {
        var tampered = TamperedDerCopy(intermediateCrl, "intermediate-tampered.crl");
        var signature = pki.OpenSslSign(revokedUnderIntermediate, "md_gost12_256", "-certfile", pki.Intermediate.Certificate);
        var verifier = new CmsSignatureVerifier(TrustStore.Load([pki.TrustFolder], [tampered]));

        var result = verifier.Verify(pki.Content, signature);

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Problems));
    }

    [TestMethod]
    public void GivenTamperedCrlOfTrustedRoot_WhenLoaded_ThenRefusedNamingTheFile()
    {
        var tampered = TamperedDerCopy(rootCrl, "root-tampered.crl");

        var error = Assert.ThrowsExactly<TrustStoreException>(() => TrustStore.Load([pki.TrustFolder], [tampered]));

        Assert.AreEqual(tampered, error.FilePath);
    }

    [TestMethod]
    public void GivenMissingCrlFile_WhenLoaded_ThenExceptionNamesTheFile()
    {
        var missing = pki.Ssl.PathOf("no-such.crl");

        var error = Assert.ThrowsExactly<TrustStoreException>(() => TrustStore.Load([pki.TrustFolder], [missing]));

        Assert.AreEqual(missing, error.FilePath);
    }

    [TestMethod]
    public void GivenRevokedSigner_WhenXmlVerifiedWithCrl_ThenCertificateRevoked()
    {
        var signed = XmlDocumentSigner.FromPemFiles(revoked.Certificate, revoked.Key).SignEnveloped(pki.Content);
        var store = TrustStore.Load([pki.TrustFolder], [rootCrl]);

        var withCrl = new XmlSignatureVerifier(store).Verify(signed);
        var withoutCrl = new XmlSignatureVerifier(TrustStore.Load(pki.TrustFolder)).Verify(signed);

        Assert.IsTrue(withoutCrl.IsValid, string.Join("; ", withoutCrl.Problems));
        Assert.AreEqual(SignatureErrorCodes.CertificateRevoked, withCrl.Problems.Single().Code);
    }

    private static void Revoke(TestPki.Issued certificate, TestPki.Issued ca) =>
        pki.Ssl.RunChecked("ca", "-revoke", certificate.Certificate, "-cert", ca.Certificate, "-keyfile", ca.Key, "-md", "md_gost12_256");

    private static string GenerateCrl(string name, TestPki.Issued ca)
    {
        var path = pki.Ssl.PathOf(name + ".crl.pem");
        pki.Ssl.RunChecked("ca", "-gencrl", "-cert", ca.Certificate, "-keyfile", ca.Key, "-md", "md_gost12_256",
            "-crldays", "30", "-out", path);
        return path;
    }

    private static string TamperedDerCopy(string pemCrl, string fileName)
    {
        var der = pki.Ssl.PathOf(fileName);
        pki.Ssl.RunChecked("crl", "-in", pemCrl, "-outform", "DER", "-out", der);
        var bytes = File.ReadAllBytes(der);
        bytes[^5] ^= 0x01; // inside the signature value
        File.WriteAllBytes(der, bytes);
        return der;
    }
}
