using System.Text;
using System.Xml;
using System.Xml.Linq;
using EgiszBus.Adapters.Remd;
using EgiszBus.Adapters.Signatures.Xml;

namespace EgiszBus.Endpoints.Remd;

/// <summary>
/// Signs outgoing REMD SOAP envelopes with WS-Security using the organisation's key (<see cref="XmlDocumentSigner.SignSoapEnvelope"/>):
/// <c>wsse:Security</c> with a BinarySecurityToken, one Reference <c>#body</c>, exclusive C14N, GOST R 34.10-2012
/// (or RSA/ECDSA for test keys). The bytes returned are exactly the bytes the signature covers.
/// </summary>
public sealed class WsSecuritySoapEnvelopeSigner : ISoapEnvelopeSigner
{
    private readonly XmlDocumentSigner signer;

    /// <summary>Creates the seam over a configured <see cref="XmlDocumentSigner"/>.</summary>
    public WsSecuritySoapEnvelopeSigner(XmlDocumentSigner signer)
    {
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <summary>The certificate carried in every envelope's BinarySecurityToken.</summary>
    public Org.BouncyCastle.X509.X509Certificate Certificate => signer.Certificate;

    /// <summary>Loads the organisation's certificate (PEM or DER) and unencrypted PEM private key (PKCS#8, RSA or EC).</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="ArgumentException">The key does not match the certificate or its algorithm is not supported.</exception>
    public static WsSecuritySoapEnvelopeSigner FromPemFiles(string certificatePath, string privateKeyPath) =>
        new(XmlDocumentSigner.FromPemFiles(certificatePath, privateKeyPath));

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(XDocument envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        cancellationToken.ThrowIfCancellationRequested();
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            envelope.Save(writer);
        }

        return ValueTask.FromResult(signer.SignSoapEnvelope(buffer.ToArray()));
    }
}
