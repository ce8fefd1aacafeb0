using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Remembers signatures already found valid: "certificate (these exact bytes) is signed by the key with this
/// SubjectPublicKeyInfo" and "this CRL object of a trust store is signed by that key". The outcome depends only on
/// those bytes, so a signer certificate issued by a trusted CA, seen again in the next container, is not verified again
/// (~1 ms for GOST). Only successes are kept; a failure is always checked again. Process-wide and bounded.
/// </summary>
internal static class VerifiedSignatureCache
{
    /// <summary>More remembered certificate signatures than this empties the cache and starts over.</summary>
    private const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, bool> Certificates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<X509Crl, ConcurrentDictionary<string, bool>> Crls = [];

    /// <summary>True when <paramref name="certificate"/>'s signature verifies with <paramref name="issuer"/>'s key.</summary>
    public static bool IsCertificateSignedBy(X509Certificate certificate, X509Certificate issuer, Func<bool> verify)
    {
        if (CertificateKey(certificate, issuer) is not { } id)
        {
            return verify();
        }

        if (Certificates.ContainsKey(id))
        {
            return true;
        }

        if (!verify())
        {
            return false;
        }

        if (Certificates.Count >= Capacity)
        {
            Certificates.Clear();
        }

        Certificates.TryAdd(id, true);
        return true;
    }

    /// <summary>True when <paramref name="crl"/>'s signature verifies with <paramref name="issuer"/>'s key.</summary>
    public static bool IsCrlSignedBy(X509Crl crl, X509Certificate issuer, Func<bool> verify)
    {
        // Keyed by the CRL object: CRLs live in a trust store for its lifetime, and hashing a large CRL on every call
        // would cost more than it saves.
        if (issuer.SubjectPublicKeyInfo.GetDerEncoded() is not { } issuerKey)
        {
            return verify();
        }

        var verified = Crls.GetOrCreateValue(crl);
        var id = Convert.ToBase64String(issuerKey);
        if (verified.ContainsKey(id))
        {
            return true;
        }

        if (!verify())
        {
            return false;
        }

        verified.TryAdd(id, true);
        return true;
    }

    private static string? CertificateKey(X509Certificate certificate, X509Certificate issuer)
    {
        if (issuer.SubjectPublicKeyInfo.GetDerEncoded() is not { } issuerKey)
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoded = certificate.GetEncoded();
        Span<byte> length = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(length, encoded.Length);
        hash.AppendData(length);
        hash.AppendData(encoded);
        hash.AppendData(issuerKey);
        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}
