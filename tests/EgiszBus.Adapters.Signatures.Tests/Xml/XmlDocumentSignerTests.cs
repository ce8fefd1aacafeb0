using System.Text;
using EgiszBus.Adapters.Signatures.Xml;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Signatures.Tests.Xml;

[TestClass]
public sealed class XmlDocumentSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);
    private static TestPki pki = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context) => pki = TestPki.Create();

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    [DataRow("gost2012_256", "A", false, "ips/request.xml", "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256", DisplayName = "GOST 2012-256, SOAP 1.2, CryptoPro URIs")]
    [DataRow("gost2012_256", "TCB", true, "ips/request.xml", "http://www.w3.org/2001/04/xmldsig-more#gostr34102012-gostr34112012-256", DisplayName = "GOST 2012-256 TC26-B, xmldsig-more URIs")]
    [DataRow("gost2012_512", "A", false, "ips/request.xml", "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-512", DisplayName = "GOST 2012-512, SOAP 1.2")]
    [DataRow("gost2012_256", "A", false, "ips-sign-service/bodyOnlyRequest.xml", "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256", DisplayName = "GOST 2012-256, SOAP 1.1 without Header")]
    public void GivenGostKey_WhenSoapEnvelopeSigned_ThenOurVerifierAcceptsIt(string algorithm, string parameter, bool moreUris, string template, string method)
    {
        var key = pki.Signer(algorithm, parameter);
        var signer = XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key, moreUris);

        var signed = signer.SignSoapEnvelope(File.ReadAllBytes(XmlSignatureVerifierTests.Sample("i-novus-common-sign-gost/" + template)));

        var result = Verifier().Verify(signed);
        Assert.IsTrue(result.IsValid, XmlSignatureVerifierTests.Describe(result));
        Assert.AreEqual("body", result.SignedElementId);
        var text = Encoding.UTF8.GetString(signed);
        StringAssert.Contains(text, method);
        StringAssert.Contains(text, "BinarySecurityToken");
        StringAssert.Contains(text, "URI=\"#body\"");
    }

    [TestMethod]
    public void GivenOurSignedSoap_WhenBodyTextChanged_ThenDigestMismatch()
    {
        var key = pki.Signer();
        var signed = Encoding.UTF8.GetString(XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key)
            .SignSoapEnvelope(File.ReadAllBytes(XmlSignatureVerifierTests.Sample("i-novus-common-sign-gost/ips/request.xml"))));
        var tampered = signed.Replace("ИЭМК", "ИЭМК2", StringComparison.Ordinal);

        XmlSignatureVerifierTests.AssertOnly(Verifier().Verify(Encoding.UTF8.GetBytes(tampered)), SignatureErrorCodes.XmlDigestMismatch);
    }

    [TestMethod]
    [DataRow("RSA", "2048", "rsa-sha256", DisplayName = "RSA-2048")]
    [DataRow("EC", "P-256", "ecdsa-sha256", DisplayName = "ECDSA P-256")]
    public void GivenRsaOrEcdsaKey_WhenSignedEnveloped_ThenXmlsec1AndWeVerify(string algorithm, string parameter, string method)
    {
        var key = pki.Signer(algorithm, parameter, pki.RsaRoot);

        var signed = XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key).SignEnveloped(pki.Content);

        StringAssert.Contains(Encoding.UTF8.GetString(signed), method);
        var path = pki.Ssl.WriteFile($"ours-{algorithm}.xml", signed);
        var xmlsec = ProcessRunner.Run("xmlsec1", ["--verify", "--trusted-pem", pki.RsaRoot.Certificate, path], TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, xmlsec.ExitCode, xmlsec.Output);
        var result = Verifier().Verify(signed);
        Assert.IsTrue(result.IsValid, XmlSignatureVerifierTests.Describe(result));
        Assert.AreEqual(string.Empty, result.SignedElementId);
    }

    [TestMethod]
    [DataRow("RSA", "2048", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", DisplayName = "RSA-2048")]
    [DataRow("EC", "P-256", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", DisplayName = "ECDSA P-256")]
    public void GivenXmlsec1EnvelopedSignature_WhenVerified_ThenValid_AndWhenContentChanged_ThenDigestMismatch(string algorithm, string parameter, string method)
    {
        var key = pki.Signer(algorithm, parameter, pki.RsaRoot);
        var template = Encoding.UTF8.GetString(pki.Content).Replace("</ClinicalDocument>", $"""
            <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><SignatureMethod Algorithm="{method}"/><Reference URI=""><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature></ClinicalDocument>
            """.Trim(), StringComparison.Ordinal);
        var templatePath = pki.Ssl.WriteFile($"template-{algorithm}.xml", Encoding.UTF8.GetBytes(template));
        var output = pki.Ssl.PathOf($"xmlsec-{algorithm}.xml");
        var xmlsec = ProcessRunner.Run("xmlsec1", ["--sign", "--privkey-pem", key.Key + "," + key.Certificate, "--output", output, templatePath],
            TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, xmlsec.ExitCode, xmlsec.Output);
        var signed = File.ReadAllBytes(output);

        var result = Verifier().Verify(signed);
        var tampered = Verifier().Verify(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("<title>", "<title>X", StringComparison.Ordinal)));

        Assert.IsTrue(result.IsValid, XmlSignatureVerifierTests.Describe(result));
        XmlSignatureVerifierTests.AssertOnly(tampered, SignatureErrorCodes.XmlDigestMismatch);
    }

    [TestMethod]
    public void GivenRsaSignature_WhenRsaAndEcdsaDisallowed_ThenAlgorithmNotAllowed()
    {
        var key = pki.Signer("RSA", "2048", pki.RsaRoot);
        var signed = XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key).SignEnveloped(pki.Content);

        var result = Verifier().Verify(signed, new XmlVerificationOptions { AllowRsaAndEcdsa = false });

        XmlSignatureVerifierTests.AssertOnly(result, SignatureErrorCodes.AlgorithmNotAllowed);
    }

    [TestMethod]
    public void GivenSignerFromUntrustedCa_WhenVerified_ThenUntrustedChain()
    {
        var key = pki.Signer(issuer: pki.ForeignRoot);
        var signed = XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key)
            .SignSoapEnvelope(File.ReadAllBytes(XmlSignatureVerifierTests.Sample("i-novus-common-sign-gost/ips/request.xml")));

        XmlSignatureVerifierTests.AssertOnly(Verifier().Verify(signed), SignatureErrorCodes.UntrustedChain);
    }

    [TestMethod]
    public void GivenKeyOfAnotherCertificate_WhenSignerCreated_ThenArgumentException()
    {
        var first = pki.Signer();
        var second = pki.Signer();

        Assert.ThrowsExactly<ArgumentException>(() => XmlDocumentSigner.FromPemFiles(first.Certificate, second.Key));
    }

    private static XmlSignatureVerifier Verifier() => new(TrustStore.Load(pki.TrustFolder), new FixedTimeProvider(Now));
}
