using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Builds BouncyCastle keys from SubjectPublicKeyInfo / PrivateKeyInfo. GOST R 34.10-2012 keys on the TC26 curves
/// introduced in 2016 (256 A–D, 512 C) carry only the curve OID in their parameters (R 1323565.1.024 says the digest
/// OID must be omitted); BouncyCastle 2.7 wants both, so the digest OID implied by the key size is added back.
/// </summary>
internal static class GostKeyFactory
{
    /// <summary>
    /// The certificate's public key, from <see cref="PublicKeyCache"/> when the same SubjectPublicKeyInfo was seen before
    /// (building a key is the costly part of a verification).
    /// </summary>
    public static AsymmetricKeyParameter PublicKey(X509Certificate certificate)
    {
        var info = certificate.SubjectPublicKeyInfo;
        return PublicKeyCache.GetOrCreate(info.GetDerEncoded(), () => CompleteGostParameters(info.Algorithm) is { } completed
            ? PublicKeyFactory.CreateKey(new SubjectPublicKeyInfo(completed, info.PublicKey))
            : certificate.GetPublicKey());
    }

    public static AsymmetricKeyParameter PrivateKey(PrivateKeyInfo info)
    {
        if (CompleteGostParameters(info.PrivateKeyAlgorithm) is not { } completed)
        {
            return PrivateKeyFactory.CreateKey(info);
        }

        // Keep the private key OCTET STRING as it is (raw little-endian bytes from OpenSSL); swap only the algorithm.
        var elements = Asn1Sequence.GetInstance(info.ToAsn1Object()).ToArray();
        elements[1] = completed;
        return PrivateKeyFactory.CreateKey(PrivateKeyInfo.GetInstance(new DerSequence(elements)));
    }

    private static AlgorithmIdentifier? CompleteGostParameters(AlgorithmIdentifier algorithm)
    {
        var digest = algorithm.Algorithm.Id switch
        {
            SignatureAlgorithms.Gost2012Key256 => SignatureAlgorithms.Gost2012Digest256,
            SignatureAlgorithms.Gost2012Key512 => SignatureAlgorithms.Gost2012Digest512,
            _ => null,
        };
        return digest is not null && algorithm.Parameters is Asn1Sequence { Count: 1 } parameters
            ? new AlgorithmIdentifier(algorithm.Algorithm, new DerSequence(parameters[0], new DerObjectIdentifier(digest)))
            : null;
    }
}
