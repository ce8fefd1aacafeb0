using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>Recognises the algorithms of a signer: key OID from the certificate, digest and signature OIDs from SignerInfo.</summary>
internal static class SignatureAlgorithms
{
    public const string Gost2012Key256 = "1.2.643.7.1.1.1.1";
    public const string Gost2012Key512 = "1.2.643.7.1.1.1.2";
    public const string Gost2012Digest256 = "1.2.643.7.1.1.2.2";
    public const string Gost2012Digest512 = "1.2.643.7.1.1.2.3";
    public const string Gost2012Signature256 = "1.2.643.7.1.1.3.2";
    public const string Gost2012Signature512 = "1.2.643.7.1.1.3.3";
    public const string Gost2001Key = "1.2.643.2.2.19";
    public const string Gost94Digest = "1.2.643.2.2.9";
    public const string Gost2001Signature = "1.2.643.2.2.3";
    public const string RsaKey = "1.2.840.113549.1.1.1";
    public const string EcKey = "1.2.840.10045.2.1";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";
    public const string CurveP256 = "1.2.840.10045.3.1.7";
    public const string CurveP384 = "1.3.132.0.34";

    private static readonly Dictionary<string, string> ShaNames = new(StringComparer.Ordinal)
    {
        [Sha256] = "SHA-256",
        [Sha384] = "SHA-384",
        [Sha512] = "SHA-512",
    };

    private static readonly Dictionary<string, string> RsaSignatures = new(StringComparer.Ordinal)
    {
        [RsaKey] = string.Empty,
        ["1.2.840.113549.1.1.11"] = Sha256,
        ["1.2.840.113549.1.1.12"] = Sha384,
        ["1.2.840.113549.1.1.13"] = Sha512,
    };

    private static readonly Dictionary<string, string> EcdsaSignatures = new(StringComparer.Ordinal)
    {
        [EcKey] = string.Empty,
        ["1.2.840.10045.4.3.2"] = Sha256,
        ["1.2.840.10045.4.3.3"] = Sha384,
        ["1.2.840.10045.4.3.4"] = Sha512,
    };

    /// <summary>
    /// The family and a readable name of the combination, or null family with a reason when it is not a supported one.
    /// </summary>
    public static (SignatureAlgorithmFamily? Family, string Name) Describe(SubjectPublicKeyInfo key, string digestOid, string signatureOid)
    {
        var keyOid = key.Algorithm.Algorithm.Id;
        switch (keyOid)
        {
            case Gost2012Key256:
                return Check(SignatureAlgorithmFamily.Gost2012With256, "GOST R 34.10-2012 256 / GOST R 34.11-2012 256",
                    digestOid == Gost2012Digest256 && signatureOid is Gost2012Key256 or Gost2012Signature256);
            case Gost2012Key512:
                return Check(SignatureAlgorithmFamily.Gost2012With512, "GOST R 34.10-2012 512 / GOST R 34.11-2012 512",
                    digestOid == Gost2012Digest512 && signatureOid is Gost2012Key512 or Gost2012Signature512);
            case Gost2001Key:
                return Check(SignatureAlgorithmFamily.Gost2001, "GOST R 34.10-2001 / GOST R 34.11-94",
                    digestOid == Gost94Digest && signatureOid is Gost2001Key or Gost2001Signature);
            case RsaKey:
                return Check(SignatureAlgorithmFamily.Rsa, "RSA / " + ShaName(digestOid),
                    ShaNames.ContainsKey(digestOid) && RsaSignatures.TryGetValue(signatureOid, out var rsaDigest)
                    && (rsaDigest.Length == 0 || rsaDigest == digestOid));
            case EcKey:
                var curve = key.Algorithm.Parameters is DerObjectIdentifier named ? named.Id : null;
                var curveName = curve switch
                {
                    CurveP256 => "P-256",
                    CurveP384 => "P-384",
                    _ => null,
                };
                return Check(SignatureAlgorithmFamily.Ecdsa, $"ECDSA {curveName ?? curve ?? "explicit curve"} / " + ShaName(digestOid),
                    curveName is not null && ShaNames.ContainsKey(digestOid)
                    && EcdsaSignatures.TryGetValue(signatureOid, out var ecDigest) && (ecDigest.Length == 0 || ecDigest == digestOid));
            default:
                return (null, $"key {keyOid} / digest {digestOid} / signature {signatureOid}");
        }
    }

    private static (SignatureAlgorithmFamily? Family, string Name) Check(SignatureAlgorithmFamily family, string name, bool consistent) =>
        consistent ? (family, name) : (null, name + " (inconsistent digest or signature algorithm)");

    private static string ShaName(string digestOid) => ShaNames.TryGetValue(digestOid, out var name) ? name : digestOid;
}
