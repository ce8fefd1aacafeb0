using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Creates detached CMS signatures (CAdES-BES-like: contentType, messageDigest and signingTime signed attributes,
/// one signer, the signer certificate embedded) with a configured key: GOST R 34.10-2012 256/512 (digest
/// GOST R 34.11-2012 of the same size), RSA (SHA-256) or ECDSA (P-256 SHA-256, P-384 SHA-384).
/// </summary>
public sealed class CmsDocumentSigner
{
    private readonly AsymmetricKeyParameter privateKey;
    private readonly TimeProvider timeProvider;
    private readonly string digestOid;
    private readonly string encryptionOid;

    /// <summary>Creates a signer over a BouncyCastle key and certificate.</summary>
    /// <exception cref="ArgumentException">The key is public, does not match the certificate, or its algorithm is not supported.</exception>
    public CmsDocumentSigner(X509Certificate certificate, AsymmetricKeyParameter privateKey, TimeProvider? timeProvider = null)
    {
        Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
        this.privateKey = privateKey ?? throw new ArgumentNullException(nameof(privateKey));
        if (!privateKey.IsPrivate)
        {
            throw new ArgumentException("A private key is required", nameof(privateKey));
        }

        this.timeProvider = timeProvider ?? TimeProvider.System;
        (digestOid, encryptionOid) = ChooseAlgorithms(certificate);
        EnsureKeyMatchesCertificate();
    }

    /// <summary>The signer certificate embedded in every signature.</summary>
    public X509Certificate Certificate { get; }

    /// <summary>
    /// Loads the certificate (PEM or DER) and an unencrypted private key PEM: PKCS#8 <c>PRIVATE KEY</c> (as written by
    /// OpenSSL, GOST engine included), <c>RSA PRIVATE KEY</c> or <c>EC PRIVATE KEY</c>.
    /// </summary>
    public static CmsDocumentSigner FromPemFiles(string certificatePath, string privateKeyPath, TimeProvider? timeProvider = null)
    {
        var certificate = new X509CertificateParser().ReadCertificate(File.ReadAllBytes(certificatePath))
            ?? throw new InvalidDataException("No certificate in " + certificatePath);
        return new CmsDocumentSigner(certificate, ReadPrivateKey(privateKeyPath), timeProvider);
    }

    internal static AsymmetricKeyParameter ReadPrivateKey(string path)
    {
        var text = File.ReadAllText(path);
        using (var reader = new Org.BouncyCastle.Utilities.IO.Pem.PemReader(new StringReader(text)))
        {
            // PKCS#8 goes through GostKeyFactory (TC26 GOST keys); other PEM types through BouncyCastle's OpenSSL reader.
            if (reader.ReadPemObject() is { Type: "PRIVATE KEY" } pkcs8)
            {
                return GostKeyFactory.PrivateKey(PrivateKeyInfo.GetInstance(pkcs8.Content));
            }
        }

        using var openSslReader = new PemReader(new StringReader(text));
        return openSslReader.ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } single => single,
            _ => throw new InvalidDataException("No unencrypted private key in " + path),
        };
    }

    /// <summary>Signs <paramref name="content"/> and returns the detached CMS SignedData, DER.</summary>
    public byte[] SignDetached(ReadOnlySpan<byte> content)
    {
        var signingTime = new CmsAttribute(CmsAttributes.SigningTime, new DerSet(new Time(timeProvider.GetUtcNow().UtcDateTime)));
        var signedAttributes = new AttributeTable(new Asn1EncodableVector(signingTime));
        var generator = new CmsSignedDataGenerator();
        generator.AddSigner(privateKey, Certificate, encryptionOid, digestOid, signedAttributes, null);
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { Certificate }));
        var signed = generator.Generate(new CmsProcessableByteArray(content.ToArray()), encapsulate: false);
        return signed.GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>Signs <paramref name="content"/> and returns the detached CMS SignedData as base64 (the REMD transport form).</summary>
    public string SignDetachedBase64(ReadOnlySpan<byte> content) => Convert.ToBase64String(SignDetached(content));

    private static (string Digest, string Encryption) ChooseAlgorithms(X509Certificate certificate)
    {
        var key = certificate.SubjectPublicKeyInfo.Algorithm;
        return key.Algorithm.Id switch
        {
            SignatureAlgorithms.Gost2012Key256 => (SignatureAlgorithms.Gost2012Digest256, SignatureAlgorithms.Gost2012Key256),
            SignatureAlgorithms.Gost2012Key512 => (SignatureAlgorithms.Gost2012Digest512, SignatureAlgorithms.Gost2012Key512),
            SignatureAlgorithms.RsaKey => (SignatureAlgorithms.Sha256, SignatureAlgorithms.RsaKey),
            SignatureAlgorithms.EcKey when key.Parameters is DerObjectIdentifier { Id: SignatureAlgorithms.CurveP256 } =>
                (SignatureAlgorithms.Sha256, SignatureAlgorithms.EcKey),
            SignatureAlgorithms.EcKey when key.Parameters is DerObjectIdentifier { Id: SignatureAlgorithms.CurveP384 } =>
                (SignatureAlgorithms.Sha384, SignatureAlgorithms.EcKey),
            var other => throw new ArgumentException("Unsupported signing key algorithm " + other, nameof(certificate)),
        };
    }

    private void EnsureKeyMatchesCertificate()
    {
        var probe = "EgiszBus key check"u8.ToArray();
        var name = encryptionOid switch
        {
            SignatureAlgorithms.Gost2012Key256 => "GOST3411-2012-256WITHECGOST3410-2012-256",
            SignatureAlgorithms.Gost2012Key512 => "GOST3411-2012-512WITHECGOST3410-2012-512",
            SignatureAlgorithms.RsaKey => "SHA256WITHRSA",
            _ => digestOid == SignatureAlgorithms.Sha384 ? "SHA384WITHECDSA" : "SHA256WITHECDSA",
        };
        var signer = SignerUtilities.GetSigner(name);
        signer.Init(true, new ParametersWithRandom(privateKey, new SecureRandom()));
        signer.BlockUpdate(probe, 0, probe.Length);
        var value = signer.GenerateSignature();
        var verifier = SignerUtilities.GetSigner(name);
        verifier.Init(false, GostKeyFactory.PublicKey(Certificate));
        verifier.BlockUpdate(probe, 0, probe.Length);
        if (!verifier.VerifySignature(value))
        {
            throw new ArgumentException("The private key does not match the certificate", nameof(privateKey));
        }
    }
}
