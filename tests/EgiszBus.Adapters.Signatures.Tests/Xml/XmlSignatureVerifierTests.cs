using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using EgiszBus.Adapters.Signatures.Xml;
using EgiszBus.TestKit;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures.Tests.Xml;

[TestClass]
public sealed class XmlSignatureVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 30, 0, TimeSpan.Zero);
    private static readonly XmlVerificationOptions Legacy = new() { AllowLegacyGost2001 = true };
    private static TestPki pki = null!;
    private static byte[] signedSoap = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        pki = TestPki.Create();
        var key = pki.Signer();
        signedSoap = XmlDocumentSigner.FromPemFiles(key.Certificate, key.Key).SignSoapEnvelope(File.ReadAllBytes(Sample("i-novus-common-sign-gost/ips/request.xml")));
    }

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    [DataRow("Verify2001.xml", true, "GOST R 34.10-2001")]
    [DataRow("Verify2012_256.xml", false, "2012 256")]
    [DataRow("Verify2012_512.xml", true, "2012 512")]
    public void GivenCryptoProVectorWithPinnedCertificate_WhenVerified_ThenValid(string file, bool legacy, string algorithm)
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/" + file));

        var result = Pinned(xml).Verify(xml, new XmlVerificationOptions { AllowLegacyGost2001 = legacy });

        Assert.IsTrue(result.IsValid, Describe(result));
        Assert.AreEqual(string.Empty, result.SignedElementId);
        StringAssert.Contains(result.Signer!.Algorithm, algorithm);
    }

    [TestMethod]
    [DataRow("Verify2001.xml")]
    [DataRow("Verify2012_512.xml")]
    public void GivenVectorWithGost94_WhenLegacyNotAllowed_ThenAlgorithmNotAllowed(string file)
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/" + file));

        var result = Pinned(xml).Verify(xml);

        Assert.IsFalse(result.IsValid);
        CollectionAssert.AreEquivalent(new[] { SignatureErrorCodes.AlgorithmNotAllowed },
            result.Problems.Select(p => p.Code).Distinct().ToArray(), Describe(result));
    }

    [TestMethod]
    [DataRow("Verify2001.xml")]
    [DataRow("Verify2012_256.xml")]
    [DataRow("Verify2012_512.xml")]
    public void GivenVectorWithOneChangedByteInSignedContent_WhenVerified_ThenDigestMismatch(string file)
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/" + file));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(xml).Replace("data to sign.", "data to sigN.", StringComparison.Ordinal));

        var result = Pinned(xml).Verify(tampered, Legacy);

        AssertOnly(result, SignatureErrorCodes.XmlDigestMismatch);
        Assert.AreEqual("SIGNATURE_VERIFICATION_ERROR", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenVectorWithChangedSignatureValue_WhenVerified_ThenSignatureMismatch()
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/Verify2012_256.xml"));
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(xml).Replace("<SignatureValue>fbjm", "<SignatureValue>fbjn", StringComparison.Ordinal));

        var result = Pinned(xml).Verify(tampered);

        AssertOnly(result, SignatureErrorCodes.SignatureMismatch);
    }

    [TestMethod]
    public void GivenVectorWhoseCertificateIsNotTrusted_WhenVerified_ThenUntrustedChain()
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/Verify2012_256.xml"));

        var result = new XmlSignatureVerifier(TrustStore.Load(pki.TrustFolder), new FixedTimeProvider(Now)).Verify(xml);

        AssertOnly(result, SignatureErrorCodes.UntrustedChain);
        Assert.AreEqual("CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenPrettyPrintedIpsRequestAsStored_WhenVerified_ThenDigestMismatchSaysCanonicalFormChanged()
    {
        var xml = File.ReadAllBytes(Sample("i-novus-common-sign-gost/ips-sign-service/fullRequest.xml"));

        var result = Pinned(xml, "wsse:BinarySecurityToken", new DateTimeOffset(2019, 1, 10, 0, 0, 0, TimeSpan.Zero)).Verify(xml, Legacy);

        Assert.IsFalse(result.IsValid);
        Assert.IsTrue(result.Has(SignatureErrorCodes.XmlDigestMismatch), Describe(result));
        StringAssert.Contains(result.Problems.First(p => p.Code == SignatureErrorCodes.XmlDigestMismatch).Message, "каноническая форма");
    }

    [TestMethod]
    public void GivenIpsRequestMadeCompactInTest_WhenVerifiedWithinValidity_ThenValidAndBodySigned()
    {
        var stored = File.ReadAllText(Sample("i-novus-common-sign-gost/ips-sign-service/fullRequest.xml"));
        var compact = Encoding.UTF8.GetBytes(Regex.Replace(stored, @">\s+<", "><"));

        var result = Pinned(compact, "wsse:BinarySecurityToken", new DateTimeOffset(2019, 1, 10, 0, 0, 0, TimeSpan.Zero)).Verify(compact, Legacy);

        Assert.IsTrue(result.IsValid, Describe(result));
        Assert.AreEqual("BodyID-1", result.SignedElementId);
        StringAssert.Contains(result.Signer!.Algorithm, "2001");
    }

    [TestMethod]
    public void GivenOurSignedSoap_WhenVerified_ThenValidAndBodyIdReturned()
    {
        var result = Verifier().Verify(signedSoap);

        Assert.IsTrue(result.IsValid, Describe(result));
        Assert.AreEqual("body", result.SignedElementId);
        Assert.AreEqual("23456789099", result.Signer!.Snils);
    }

    [TestMethod]
    public void GivenBodyMovedIntoWrapperAndFakeBodyInserted_WhenVerified_ThenReferenceNotAllowed()
    {
        var document = Load(signedSoap);
        var body = Body(document);
        var header = Header(document);
        var wrapper = document.CreateElement("Wrapper", "urn:attacker");
        header.AppendChild(wrapper);
        body.ParentNode!.RemoveChild(body);
        wrapper.AppendChild(body);
        var fake = document.CreateElement(body.Prefix, "Body", body.NamespaceURI);
        fake.InnerXml = "<order xmlns=\"urn:attacker\">pay 1000000</order>";
        document.DocumentElement!.AppendChild(fake);

        AssertOnly(Verifier().Verify(Bytes(document)), SignatureErrorCodes.XmlReferenceNotAllowed);
    }

    [TestMethod]
    public void GivenSecondElementWithTheBodyId_WhenVerified_ThenDuplicateId()
    {
        var document = Load(signedSoap);
        var decoy = document.CreateElement("Decoy", "urn:attacker");
        decoy.SetAttribute("Id", "body");
        Header(document).AppendChild(decoy);

        var result = Verifier().Verify(Bytes(document));

        AssertOnly(result, SignatureErrorCodes.XmlDuplicateId);
        Assert.AreEqual("WRONG_SIGNATURE_FORMAT", result.Problems[0].RemdCode);
    }

    [TestMethod]
    public void GivenTwoReferences_WhenVerified_ThenReferenceNotAllowed()
    {
        var document = Load(signedSoap);
        var reference = (XmlElement)document.GetElementsByTagName("Reference", Ds)[0]!;
        reference.ParentNode!.AppendChild(reference.CloneNode(deep: true));

        AssertOnly(Verifier().Verify(Bytes(document)), SignatureErrorCodes.XmlReferenceNotAllowed);
    }

    [TestMethod]
    public void GivenReferenceToHeaderElement_WhenVerified_ThenReferenceNotAllowed()
    {
        var document = Load(signedSoap);
        var headerChild = document.CreateElement("Note", "urn:other");
        headerChild.SetAttribute("Id", "hdr");
        Header(document).AppendChild(headerChild);
        ((XmlElement)document.GetElementsByTagName("Reference", Ds)[0]!).SetAttribute("URI", "#hdr");

        AssertOnly(Verifier().Verify(Bytes(document)), SignatureErrorCodes.XmlReferenceNotAllowed);
    }

    [TestMethod]
    [DataRow("http://www.w3.org/TR/1999/REC-xslt-19991116", DisplayName = "XSLT")]
    [DataRow("http://www.w3.org/TR/1999/REC-xpath-19991116", DisplayName = "XPath")]
    [DataRow("http://www.w3.org/2002/06/xmldsig-filter2", DisplayName = "XPath filter 2")]
    [DataRow("urn://smev-gov-ru/xmldsig/transform", DisplayName = "SMEV transform")]
    public void GivenTransformOutsideAllowList_WhenVerified_ThenTransformNotAllowed(string algorithm)
    {
        var document = Load(signedSoap);
        var transforms = (XmlElement)document.GetElementsByTagName("Transforms", Ds)[0]!;
        var transform = document.CreateElement("ds", "Transform", Ds);
        transform.SetAttribute("Algorithm", algorithm);
        transforms.PrependChild(transform);

        AssertOnly(Verifier().Verify(Bytes(document)), SignatureErrorCodes.XmlTransformNotAllowed);
    }

    [TestMethod]
    public void GivenNoSignature_WhenVerified_ThenSignatureMissing_AndGivenTwo_ThenSignatureMultiple()
    {
        var xml = File.ReadAllBytes(Sample("cryptopro-corefx/Verify2012_256.xml"));
        var document = Load(xml);
        var signature = document.GetElementsByTagName("Signature", Ds)[0]!;
        document.DocumentElement!.AppendChild(signature.CloneNode(deep: true));
        var twice = Bytes(document);
        document.DocumentElement.RemoveChild(signature);
        document.DocumentElement.RemoveChild(document.DocumentElement.LastChild!);
        var none = Bytes(document);

        var missing = Pinned(xml).Verify(none);
        AssertOnly(missing, SignatureErrorCodes.XmlSignatureMissing);
        Assert.AreEqual("NO_SIGNATURE", missing.Problems[0].RemdCode);
        AssertOnly(Pinned(xml).Verify(twice), SignatureErrorCodes.XmlSignatureMultiple);
    }

    [TestMethod]
    [DataRow("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><lolz>&lol9;</lolz>""", "lollol", DisplayName = "billion laughs")]
    [DataRow("""<?xml version="1.0"?><!DOCTYPE doc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><doc>&xxe;</doc>""", "root:", DisplayName = "XXE")]
    public void GivenEntityBomb_WhenVerified_ThenMalformedXmlQuicklyWithoutEntityText(string xml, string entityText)
    {
        var watch = Stopwatch.StartNew();

        var result = Verifier().Verify(Encoding.UTF8.GetBytes(xml));

        watch.Stop();
        AssertOnly(result, SignatureErrorCodes.XmlMalformed);
        Assert.AreEqual("SIGNATURE_DECODING_ERROR", result.Problems[0].RemdCode);
        Assert.IsLessThan(5, watch.Elapsed.TotalSeconds);
        Assert.IsFalse(result.Problems.Any(p => p.Message.Contains(entityText, StringComparison.Ordinal)));
    }

    [TestMethod]
    public void GivenTooDeepOrTooLargeDocument_WhenVerified_ThenMalformedXml()
    {
        var deep = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", 300)) + string.Concat(Enumerable.Repeat("</a>", 300)));

        AssertOnly(Verifier().Verify(deep), SignatureErrorCodes.XmlMalformed);
        AssertOnly(Verifier().Verify(signedSoap, new XmlVerificationOptions { MaxDocumentBytes = 1000 }), SignatureErrorCodes.XmlMalformed);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("not xml", DisplayName = "text")]
    [DataRow("<a><b></a>", DisplayName = "broken")]
    public void GivenGarbage_WhenVerified_ThenMalformedXmlWithoutException(string input)
    {
        AssertOnly(Verifier().Verify(Encoding.UTF8.GetBytes(input)), SignatureErrorCodes.XmlMalformed);
    }

    internal static string Sample(string relative) =>
        Path.Combine(RepositoryPaths.SharedData, "signatures", "samples", relative);

    internal static XmlSignatureVerifier Verifier() => new(TrustStore.Load(pki.TrustFolder), new FixedTimeProvider(Now));

    internal static void AssertOnly(XmlSignatureVerification result, string code)
    {
        Assert.IsFalse(result.IsValid);
        CollectionAssert.AreEqual(new[] { code }, result.Problems.Select(p => p.Code).ToArray(), Describe(result));
    }

    internal static string Describe(XmlSignatureVerification result) =>
        string.Join("; ", result.Problems.Select(p => $"{p.Code} {p.RemdCode}: {p.Message}"));

    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>A verifier whose trust store holds only the certificate embedded in <paramref name="xml"/> (pinned).</summary>
    private static XmlSignatureVerifier Pinned(byte[] xml, string element = "X509Certificate", DateTimeOffset? now = null)
    {
        var text = Encoding.UTF8.GetString(xml);
        var match = Regex.Match(text, "<" + element + "[^>]*>([^<]+)<");
        var certificate = new X509CertificateParser().ReadCertificate(Convert.FromBase64String(match.Groups[1].Value));
        return new XmlSignatureVerifier(TrustStore.FromCertificates([certificate]), new FixedTimeProvider(now ?? Now));
    }

    private static XmlDocument Load(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.Load(new MemoryStream(xml));
        return document;
    }

    private static XmlElement Body(XmlDocument document) =>
        document.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Body");

    private static XmlElement Header(XmlDocument document) =>
        document.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Header");

    private static byte[] Bytes(XmlDocument document) => Encoding.UTF8.GetBytes(document.OuterXml);
}
