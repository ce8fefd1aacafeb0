using System.Text;

namespace EgiszBus.Adapters.Signatures.Tests;

[TestClass]
public sealed class CmsSignatureVerifierTests
{
    private static TestPki pki = null!;
    private static TestPki.Issued gostSigner = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        pki = TestPki.Create();
        gostSigner = pki.Signer();
    }

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    [DataRow("gost2012_256", "A", "md_gost12_256", DisplayName = "GOST 2012-256 CryptoPro-A")]
    [DataRow("gost2012_256", "B", "md_gost12_256", DisplayName = "GOST 2012-256 CryptoPro-B")]
    [DataRow("gost2012_256", "C", "md_gost12_256", DisplayName = "GOST 2012-256 CryptoPro-C")]
    [DataRow("gost2012_256", "TCA", "md_gost12_256", DisplayName = "GOST 2012-256 TC26-A")]
    [DataRow("gost2012_256", "TCB", "md_gost12_256", DisplayName = "GOST 2012-256 TC26-B")]
    [DataRow("gost2012_512", "A", "md_gost12_512", DisplayName = "GOST 2012-512 TC26-A")]
    [DataRow("gost2012_512", "B", "md_gost12_512", DisplayName = "GOST 2012-512 TC26-B")]
    [DataRow("gost2012_512", "C", "md_gost12_512", DisplayName = "GOST 2012-512 TC26-C")]
    public void GivenOpenSslGostDetachedSignature_WhenVerified_ThenValidWithSignerIdentity(string algorithm, string paramset, string digest)
    {
        var signer = pki.Signer(algorithm, paramset);
        var signature = pki.OpenSslSign(signer, digest);

        var result = pki.Verifier().Verify(pki.Content, signature, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.IsTrue(result.IsValid, Describe(result));
        Assert.IsNotNull(result.Signer);
        Assert.AreEqual("23456789099", result.Signer.Snils);
        Assert.AreEqual(TestPki.ValidFrom, result.Signer.NotBefore);
        Assert.AreEqual(TestPki.ValidTo, result.Signer.NotAfter);
        StringAssert.Contains(result.Signer.Algorithm, algorithm.EndsWith("512", StringComparison.Ordinal) ? "2012 512" : "2012 256");
        StringAssert.Contains(result.Signer.SubjectDn, "Сидорова");
    }

    [TestMethod]
    [DataRow("RSA", "2048", DisplayName = "RSA-2048 SHA-256")]
    [DataRow("EC", "P-256", DisplayName = "ECDSA P-256 SHA-256")]
    [DataRow("EC", "P-384", DisplayName = "ECDSA P-384 SHA-256")]
    public void GivenOpenSslRsaOrEcdsaSignature_WhenVerified_ThenValid(string algorithm, string parameter)
    {
        var signer = pki.Signer(algorithm, parameter, pki.RsaRoot);
        var signature = pki.OpenSslSign(signer, "sha256");

        var result = pki.Verifier().Verify(pki.Content, signature);

        Assert.IsTrue(result.IsValid, Describe(result));
    }

    [TestMethod]
    public void GivenRsaSignature_WhenRsaAndEcdsaDisallowed_ThenAlgorithmNotAllowed()
    {
        var signature = pki.OpenSslSign(pki.Signer("RSA", "2048", pki.RsaRoot), "sha256");

        var result = pki.Verifier(new CmsVerificationOptions { AllowRsaAndEcdsa = false }).Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.AlgorithmNotAllowed);
        Assert.AreEqual("UNKNOWN_ALGORITHM", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenGost2001Signature_WhenLegacyNotAllowed_ThenAlgorithmNotAllowed_AndWhenAllowed_ThenValid()
    {
        var signer = pki.Signer("gost2001", "A");
        var signature = pki.OpenSslSign(signer, "md_gost94");

        var refused = pki.Verifier().Verify(pki.Content, signature);
        var accepted = pki.Verifier(new CmsVerificationOptions { AllowLegacyGost2001 = true }).Verify(pki.Content, signature);

        AssertOnly(refused, SignatureErrorCodes.AlgorithmNotAllowed);
        Assert.IsTrue(accepted.IsValid, Describe(accepted));
    }

    [TestMethod]
    public void GivenTamperedContent_WhenVerified_ThenSignatureMismatch()
    {
        var signature = pki.OpenSslSign(gostSigner);
        var tampered = (byte[])pki.Content.Clone();
        tampered[tampered.Length / 2] ^= 0x01;

        var result = pki.Verifier().Verify(tampered, signature);

        AssertOnly(result, SignatureErrorCodes.SignatureMismatch);
        Assert.AreEqual("SIGNATURE_VERIFICATION_ERROR", result.Problems[0].RemdCode);
        Assert.IsNotNull(result.Signer);
    }

    [TestMethod]
    public void GivenTamperedSignatureValue_WhenVerified_ThenSignatureMismatch()
    {
        var signature = pki.OpenSslSign(gostSigner);
        signature[^5] ^= 0x10; // the signature value is the last field of SignerInfo

        var result = pki.Verifier().Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.SignatureMismatch);
    }

    [TestMethod]
    public void GivenSignerFromUntrustedCa_WhenVerified_ThenUntrustedChain()
    {
        var signature = pki.OpenSslSign(pki.Signer(issuer: pki.ForeignRoot));

        var result = pki.Verifier().Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.UntrustedChain);
        Assert.AreEqual("CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenSignerUnderIntermediate_WhenIntermediateEmbedded_ThenValid_AndWhenMissing_ThenUntrustedChain()
    {
        var signer = pki.Signer(issuer: pki.Intermediate);
        var withIntermediate = pki.OpenSslSign(signer, "md_gost12_256", "-certfile", pki.Intermediate.Certificate);
        var withoutIntermediate = pki.OpenSslSign(signer);

        Assert.IsTrue(pki.Verifier().Verify(pki.Content, withIntermediate).IsValid);
        AssertOnly(pki.Verifier().Verify(pki.Content, withoutIntermediate), SignatureErrorCodes.UntrustedChain);
    }

    [TestMethod]
    public void GivenExpiredCertificate_WhenVerified_ThenCertificateExpired()
    {
        var signer = pki.Signer(notBefore: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            notAfter: new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = pki.Verifier().Verify(pki.Content, pki.OpenSslSign(signer));

        AssertOnly(result, SignatureErrorCodes.CertificateExpired);
        Assert.AreEqual("DOC_DATE_MISMATCH_CERT_NOT_AFTER", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenNotYetValidCertificate_WhenVerified_ThenCertificateNotYetValid()
    {
        var signer = pki.Signer(notBefore: new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero),
            notAfter: new DateTimeOffset(2041, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = pki.Verifier().Verify(pki.Content, pki.OpenSslSign(signer));

        AssertOnly(result, SignatureErrorCodes.CertificateNotYetValid);
        Assert.AreEqual("DOC_DATE_MISMATCH_CERT_NOT_BEFORE", result.Problems[0].RemdCode);
    }

    [TestMethod]
    [DataRow("2024-12-31T23:59:59+00:00", SignatureErrorCodes.CertificateNotYetValid)]
    [DataRow("2036-01-01T00:00:00+00:00", SignatureErrorCodes.CertificateExpired)]
    public void GivenDocumentDateOutsideValidity_WhenVerified_ThenDateMismatch(string documentDate, string expectedCode)
    {
        var result = pki.Verifier().Verify(pki.Content, pki.OpenSslSign(gostSigner), DateTimeOffset.Parse(documentDate, System.Globalization.CultureInfo.InvariantCulture));

        AssertOnly(result, expectedCode);
    }

    [TestMethod]
    public void GivenCertificateWithKeyCertSignOnly_WhenVerified_ThenInvalidKeyUsage()
    {
        var signer = pki.Signer(extensions: "basicConstraints = CA:false\nkeyUsage = critical,keyCertSign");

        var result = pki.Verifier().Verify(pki.Content, pki.OpenSslSign(signer));

        AssertOnly(result, SignatureErrorCodes.InvalidKeyUsage);
        Assert.AreEqual("INVALID_CERT_KEY_USAGE", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenTwoSigners_WhenVerified_ThenSignerCount()
    {
        var second = pki.Signer();
        var signature = pki.OpenSslSign(gostSigner, "md_gost12_256", "-signer", second.Certificate, "-inkey", second.Key);

        var result = pki.Verifier().Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.SignerCount);
        Assert.AreEqual("MULTIPLE_SIGNERS", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenSignatureWithoutCertificates_WhenVerified_ThenNoEndEntityCertificate()
    {
        var signature = pki.OpenSslSign(gostSigner, "md_gost12_256", "-nocerts");

        var result = pki.Verifier().Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.NoEndEntityCertificate);
        Assert.AreEqual("NO_END_ENTITY_CERTIFICATE", result.Problems[0].RemdCode);
        Assert.IsNull(result.Signer);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("not a signature at all", DisplayName = "text")]
    [DataRow("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", DisplayName = "base64 of a truncated DER")]
    [DataRow("\u0030\u0003\u0002\u0001\u0005", DisplayName = "DER of a plain INTEGER sequence")]
    public void GivenGarbage_WhenVerified_ThenMalformedWithoutException(string input)
    {
        var result = pki.Verifier().Verify(pki.Content, Encoding.Latin1.GetBytes(input));

        AssertOnly(result, SignatureErrorCodes.Malformed);
        Assert.AreEqual("SIGNATURE_DECODING_ERROR", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenRandomBytesAndTruncatedSignatures_WhenVerified_ThenNeverThrowsAndNeverValid()
    {
        var signature = pki.OpenSslSign(gostSigner);
        var verifier = pki.Verifier();
        var random = new Random(20260101);
        for (var length = 1; length < signature.Length; length += 97)
        {
            Assert.IsFalse(verifier.Verify(pki.Content, signature.AsSpan(0, length)).IsValid, $"prefix {length}");
            var noise = new byte[length];
            random.NextBytes(noise);
            noise[0] = 0x30;
            Assert.IsFalse(verifier.Verify(pki.Content, noise).IsValid, $"noise {length}");
        }
    }

    [TestMethod]
    public void GivenBase64AndPemForms_WhenVerified_ThenBothValid()
    {
        var der = pki.OpenSslSign(gostSigner);
        var base64 = Encoding.ASCII.GetBytes(Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks));
        var pem = Encoding.ASCII.GetBytes("-----BEGIN CMS-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CMS-----\n");

        Assert.IsTrue(pki.Verifier().Verify(pki.Content, der).IsValid);
        Assert.IsTrue(pki.Verifier().Verify(pki.Content, base64).IsValid);
        Assert.IsTrue(pki.Verifier().Verify(pki.Content, pem).IsValid);
    }

    [TestMethod]
    public void GivenAttachedSignature_WhenContentEmptyOrEqual_ThenValid_AndWhenContentDiffers_ThenSignatureMismatch()
    {
        var attached = pki.OpenSslSign(gostSigner, "md_gost12_256", "-nodetach");

        Assert.IsTrue(pki.Verifier().Verify(ReadOnlySpan<byte>.Empty, attached).IsValid);
        Assert.IsTrue(pki.Verifier().Verify(pki.Content, attached).IsValid);
        AssertOnly(pki.Verifier().Verify("<other/>"u8, attached), SignatureErrorCodes.SignatureMismatch);
    }

    [TestMethod]
    public void GivenSignatureLargerThanLimit_WhenVerified_ThenMalformed()
    {
        var signature = pki.OpenSslSign(gostSigner);

        var result = pki.Verifier(new CmsVerificationOptions { MaxSignatureBytes = 100 }).Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.Malformed);
    }

    [TestMethod]
    public void GivenMoreEmbeddedCertificatesThanAllowed_WhenVerified_ThenMalformed()
    {
        var signer = pki.Signer(issuer: pki.Intermediate);
        var signature = pki.OpenSslSign(signer, "md_gost12_256", "-certfile", pki.Intermediate.Certificate);

        var result = pki.Verifier(new CmsVerificationOptions { MaxEmbeddedCertificates = 1 }).Verify(pki.Content, signature);

        AssertOnly(result, SignatureErrorCodes.Malformed);
    }

    internal static void AssertOnly(SignatureVerification result, string code)
    {
        Assert.IsFalse(result.IsValid);
        CollectionAssert.AreEqual(new[] { code }, result.Problems.Select(p => p.Code).ToArray(), Describe(result));
    }

    internal static string Describe(SignatureVerification result) =>
        string.Join("; ", result.Problems.Select(p => $"{p.Code} {p.RemdCode}: {p.Message}"));
}
