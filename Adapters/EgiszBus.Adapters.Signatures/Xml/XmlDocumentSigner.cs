using System.Text;
using System.Xml;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>
/// Creates XMLDSig signatures with a configured key: WS-Security over a SOAP 1.1/1.2 Body (<see cref="SignSoapEnvelope"/>)
/// and enveloped signatures over a whole document (<see cref="SignEnveloped"/>). Exclusive C14N; GOST R 34.10-2012 256/512
/// with GOST R 34.11-2012 (CryptoPro <c>urn:ietf:params:xml:ns:cpxmlsec:algorithms:</c> URIs unless
/// <see cref="UseXmldsigMoreGostUris"/>), RSA-SHA256, ECDSA-SHA256.
/// </summary>
public sealed class XmlDocumentSigner
{
    private readonly AsymmetricKeyParameter privateKey;

    /// <summary>Creates a signer over a BouncyCastle key and certificate.</summary>
    /// <exception cref="ArgumentException">The key is public, does not match the certificate, or its algorithm is not supported.</exception>
    public XmlDocumentSigner(X509Certificate certificate, AsymmetricKeyParameter privateKey)
    {
        // The CMS signer checks the key (private, supported algorithm, matching the certificate) and throws ArgumentException.
        _ = new CmsDocumentSigner(certificate, privateKey);
        Certificate = certificate;
        this.privateKey = privateKey;
    }

    /// <summary>The signer certificate embedded in every signature.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>Write GOST URIs in the <c>http://www.w3.org/2001/04/xmldsig-more#</c> spelling instead of the CryptoPro one.</summary>
    public bool UseXmldsigMoreGostUris { get; init; }

    /// <summary>Loads the certificate (PEM or DER) and an unencrypted private key PEM (as <see cref="CmsDocumentSigner.FromPemFiles"/>).</summary>
    /// <param name="certificatePath">The signer certificate.</param>
    /// <param name="privateKeyPath">Its private key.</param>
    /// <param name="useXmldsigMoreGostUris">Sets <see cref="UseXmldsigMoreGostUris"/>.</param>
    public static XmlDocumentSigner FromPemFiles(string certificatePath, string privateKeyPath, bool useXmldsigMoreGostUris = false)
    {
        var certificate = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(certificatePath))
            ?? throw new InvalidDataException("No certificate in " + certificatePath);
        return new XmlDocumentSigner(certificate, CmsDocumentSigner.ReadPrivateKey(privateKeyPath))
        {
            UseXmldsigMoreGostUris = useXmldsigMoreGostUris,
        };
    }

    /// <summary>
    /// Signs the Body of a SOAP 1.1/1.2 envelope with WS-Security: the Body gets <c>wsu:Id="body"</c> (an existing
    /// wsu:Id/Id is kept), the Header (created when missing) gets <c>wsse:Security</c> with a <c>BinarySecurityToken</c>
    /// and a <c>ds:Signature</c> whose one Reference <c>#body</c> uses exc-C14N. Returns UTF-8 bytes.
    /// </summary>
    /// <exception cref="XmlException">The input is not a SOAP envelope with one Body, or is malformed.</exception>
    public byte[] SignSoapEnvelope(byte[] envelope)
    {
        var document = SafeXml.Load(envelope, int.MaxValue / 2, 256);
        var root = document.DocumentElement!;
        if (!XmlDsigNames.IsSoap(root.NamespaceURI) || root.LocalName != "Envelope")
        {
            throw new XmlException("Not a SOAP envelope");
        }

        var soap = root.NamespaceURI;
        var prefix = root.Prefix;
        var bodies = root.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Body" && e.NamespaceURI == soap).ToList();
        if (bodies.Count != 1)
        {
            throw new XmlException("A SOAP envelope needs exactly one Body");
        }

        var body = bodies[0];
        var bodyId = body.GetAttribute("Id", XmlDsigNames.Wsu) is { Length: > 0 } wsuId ? wsuId
            : body.GetAttribute("Id") is { Length: > 0 } plainId ? plainId : null;
        if (bodyId is null)
        {
            bodyId = "body";
            var attribute = document.CreateAttribute("wsu", "Id", XmlDsigNames.Wsu);
            attribute.Value = bodyId;
            body.Attributes.Append(attribute);
        }

        var header = root.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Header" && e.NamespaceURI == soap);
        if (header is null)
        {
            header = document.CreateElement(prefix, "Header", soap);
            root.InsertBefore(header, body);
        }

        // Reload so that namespace declarations implied by the new attribute and Header become real attributes,
        // exactly as a receiver parses them: the digest is then over the bytes that are sent.
        document = SafeXml.Load(Serialize(document), int.MaxValue / 2, 256);
        root = document.DocumentElement!;
        body = root.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Body" && e.NamespaceURI == soap);
        header = root.ChildNodes.OfType<XmlElement>().First(e => e.LocalName == "Header" && e.NamespaceURI == soap);
        var algorithms = Algorithms();
        var digest = Digest(algorithms.Digest, XmlCanonicalizer.Element(body, XmlDsigNames.ExcC14n, false, null, null));
        var security = document.CreateElement("wsse", "Security", XmlDsigNames.Wsse);
        security.SetAttribute("xmlns:wsu", XmlDsigNames.Wsu);
        header.AppendChild(security);
        var certificateId = FreeId(document, "cert");
        var token = Append(security, "wsse", "BinarySecurityToken", XmlDsigNames.Wsse, Convert.ToBase64String(Certificate.GetEncoded()));
        token.SetAttribute("EncodingType", XmlDsigNames.Base64Binary);
        token.SetAttribute("ValueType", XmlDsigNames.X509v3);
        var tokenId = document.CreateAttribute("wsu", "Id", XmlDsigNames.Wsu);
        tokenId.Value = certificateId;
        token.Attributes.Append(tokenId);

        var signature = AppendSignature(security, algorithms, "#" + bodyId, [XmlDsigNames.ExcC14n], digest);
        var keyInfo = Append(signature, "ds", "KeyInfo", XmlDsigNames.Ds);
        var tokenReference = Append(keyInfo, "wsse", "SecurityTokenReference", XmlDsigNames.Wsse);
        var pointer = Append(tokenReference, "wsse", "Reference", XmlDsigNames.Wsse);
        pointer.SetAttribute("URI", "#" + certificateId);
        pointer.SetAttribute("ValueType", XmlDsigNames.X509v3);
        return Serialize(document);
    }

    /// <summary>
    /// Appends an enveloped <c>ds:Signature</c> as the last child of the root: Reference <c>URI=""</c> with
    /// enveloped-signature + exc-C14N, the certificate in <c>KeyInfo/X509Data</c>. Returns UTF-8 bytes.
    /// </summary>
    public byte[] SignEnveloped(byte[] xml)
    {
        var document = SafeXml.Load(xml, int.MaxValue / 2, 256);
        var root = document.DocumentElement!;
        var algorithms = Algorithms();
        var digest = Digest(algorithms.Digest, XmlCanonicalizer.Document(document, XmlDsigNames.ExcC14n, false, null, null));
        var signature = AppendSignature(root, algorithms, string.Empty, [XmlDsigNames.EnvelopedSignature, XmlDsigNames.ExcC14n], digest);
        var x509Data = Append(Append(signature, "ds", "KeyInfo", XmlDsigNames.Ds), "ds", "X509Data", XmlDsigNames.Ds);
        Append(x509Data, "ds", "X509Certificate", XmlDsigNames.Ds, Convert.ToBase64String(Certificate.GetEncoded()));
        return Serialize(document);
    }

    private XmlElement AppendSignature(XmlElement parent, (string Signature, string Digest, string BouncyCastle) algorithms,
        string uri, string[] transforms, byte[] digest)
    {
        var signature = Append(parent, "ds", "Signature", XmlDsigNames.Ds);
        var signedInfo = Append(signature, "ds", "SignedInfo", XmlDsigNames.Ds);
        Append(signedInfo, "ds", "CanonicalizationMethod", XmlDsigNames.Ds).SetAttribute("Algorithm", XmlDsigNames.ExcC14n);
        Append(signedInfo, "ds", "SignatureMethod", XmlDsigNames.Ds).SetAttribute("Algorithm", algorithms.Signature);
        var reference = Append(signedInfo, "ds", "Reference", XmlDsigNames.Ds);
        reference.SetAttribute("URI", uri);
        var transformList = Append(reference, "ds", "Transforms", XmlDsigNames.Ds);
        foreach (var transform in transforms)
        {
            Append(transformList, "ds", "Transform", XmlDsigNames.Ds).SetAttribute("Algorithm", transform);
        }

        Append(reference, "ds", "DigestMethod", XmlDsigNames.Ds).SetAttribute("Algorithm", algorithms.Digest);
        Append(reference, "ds", "DigestValue", XmlDsigNames.Ds, Convert.ToBase64String(digest));

        var canonical = XmlCanonicalizer.Element(signedInfo, XmlDsigNames.ExcC14n, false, null, null);
        var signer = SignerUtilities.GetSigner(algorithms.BouncyCastle);
        signer.Init(true, new ParametersWithRandom(privateKey, new SecureRandom()));
        signer.BlockUpdate(canonical, 0, canonical.Length);
        Append(signature, "ds", "SignatureValue", XmlDsigNames.Ds, Convert.ToBase64String(signer.GenerateSignature()));
        return signature;
    }

    private (string Signature, string Digest, string BouncyCastle) Algorithms()
    {
        var more = UseXmldsigMoreGostUris;
        return Certificate.SubjectPublicKeyInfo.Algorithm.Algorithm.Id switch
        {
            SignatureAlgorithms.Gost2012Key256 => (
                more ? XmlDsigAlgorithms.Gost2012Signature256More : XmlDsigAlgorithms.Gost2012Signature256,
                more ? XmlDsigAlgorithms.Gost2012Digest256More : XmlDsigAlgorithms.Gost2012Digest256,
                "GOST3411-2012-256WITHECGOST3410-2012-256"),
            SignatureAlgorithms.Gost2012Key512 => (
                more ? XmlDsigAlgorithms.Gost2012Signature512More : XmlDsigAlgorithms.Gost2012Signature512,
                more ? XmlDsigAlgorithms.Gost2012Digest512More : XmlDsigAlgorithms.Gost2012Digest512,
                "GOST3411-2012-512WITHECGOST3410-2012-512"),
            SignatureAlgorithms.RsaKey => (XmlDsigAlgorithms.RsaSha256, XmlDsigAlgorithms.Sha256, "SHA256WITHRSA"),
            _ => (XmlDsigAlgorithms.EcdsaSha256, XmlDsigAlgorithms.Sha256, "SHA256WITHPLAIN-ECDSA"),
        };
    }

    private static byte[] Digest(string uri, byte[] data)
    {
        var digest = XmlDsigAlgorithms.Digest(uri, out _, out _)!;
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    private static XmlElement Append(XmlElement parent, string prefix, string localName, string namespaceUri, string? text = null)
    {
        var element = parent.OwnerDocument.CreateElement(prefix, localName, namespaceUri);
        if (text is not null)
        {
            element.InnerText = text;
        }

        parent.AppendChild(element);
        return element;
    }

    private static string FreeId(XmlDocument document, string wanted)
    {
        var used = document.GetElementsByTagName("*").OfType<XmlElement>()
            .SelectMany(e => e.Attributes.OfType<XmlAttribute>())
            .Where(a => a.LocalName is "Id" or "ID" or "id")
            .Select(a => a.Value)
            .ToHashSet(StringComparer.Ordinal);
        var candidate = wanted;
        for (var n = 2; used.Contains(candidate); n++)
        {
            candidate = wanted + "-" + n;
        }

        return candidate;
    }

    private static byte[] Serialize(XmlDocument document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }
}
