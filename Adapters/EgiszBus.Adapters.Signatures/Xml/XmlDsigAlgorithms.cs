using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>The XMLDSig signature and digest algorithm URIs the bus knows (both GOST spellings), mapped to BouncyCastle.</summary>
internal static class XmlDsigAlgorithms
{
    private const string CryptoPro = "urn:ietf:params:xml:ns:cpxmlsec:algorithms:";
    private const string More = "http://www.w3.org/2001/04/xmldsig-more#";

    public const string Gost2012Signature256 = CryptoPro + "gostr34102012-gostr34112012-256";
    public const string Gost2012Signature512 = CryptoPro + "gostr34102012-gostr34112012-512";
    public const string Gost2012Digest256 = CryptoPro + "gostr34112012-256";
    public const string Gost2012Digest512 = CryptoPro + "gostr34112012-512";
    public const string Gost2012Signature256More = More + "gostr34102012-gostr34112012-256";
    public const string Gost2012Signature512More = More + "gostr34102012-gostr34112012-512";
    public const string Gost2012Digest256More = More + "gostr34112012-256";
    public const string Gost2012Digest512More = More + "gostr34112012-512";
    public const string Gost2001Signature = CryptoPro + "gostr34102001-gostr3411";
    public const string Gost94Digest = CryptoPro + "gostr3411";
    public const string RsaSha256 = More + "rsa-sha256";
    public const string EcdsaSha256 = More + "ecdsa-sha256";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private const string RsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    private const string EcdsaSha1 = More + "ecdsa-sha1";
    private const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    private const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    private static readonly Dictionary<string, SignatureMethod> SignatureMethods = new(StringComparer.Ordinal)
    {
        [Gost2012Signature256] = new(SignatureAlgorithmFamily.Gost2012With256, "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST R 34.10-2012 256 / GOST R 34.11-2012 256", false),
        [Gost2012Signature256More] = new(SignatureAlgorithmFamily.Gost2012With256, "GOST3411-2012-256WITHECGOST3410-2012-256", "GOST R 34.10-2012 256 / GOST R 34.11-2012 256", false),
        [Gost2012Signature512] = new(SignatureAlgorithmFamily.Gost2012With512, "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST R 34.10-2012 512 / GOST R 34.11-2012 512", false),
        [Gost2012Signature512More] = new(SignatureAlgorithmFamily.Gost2012With512, "GOST3411-2012-512WITHECGOST3410-2012-512", "GOST R 34.10-2012 512 / GOST R 34.11-2012 512", false),
        [Gost2001Signature] = new(SignatureAlgorithmFamily.Gost2001, "GOST3411WITHECGOST3410", "GOST R 34.10-2001 / GOST R 34.11-94", false),
        [More + "gostr34102001-gostr3411"] = new(SignatureAlgorithmFamily.Gost2001, "GOST3411WITHECGOST3410", "GOST R 34.10-2001 / GOST R 34.11-94", false),
        [RsaSha256] = new(SignatureAlgorithmFamily.Rsa, "SHA256WITHRSA", "RSA / SHA-256", false),
        [More + "rsa-sha512"] = new(SignatureAlgorithmFamily.Rsa, "SHA512WITHRSA", "RSA / SHA-512", false),
        [EcdsaSha256] = new(SignatureAlgorithmFamily.Ecdsa, "SHA256WITHPLAIN-ECDSA", "ECDSA / SHA-256", false),
        [More + "ecdsa-sha384"] = new(SignatureAlgorithmFamily.Ecdsa, "SHA384WITHPLAIN-ECDSA", "ECDSA / SHA-384", false),
        [RsaSha1] = new(SignatureAlgorithmFamily.Rsa, "SHA1WITHRSA", "RSA / SHA-1", true),
        [EcdsaSha1] = new(SignatureAlgorithmFamily.Ecdsa, "SHA1WITHPLAIN-ECDSA", "ECDSA / SHA-1", true),
    };

    /// <summary>The signature method behind <paramref name="uri"/>, or null when unknown.</summary>
    public static SignatureMethod? Signature(string uri) => SignatureMethods.GetValueOrDefault(uri);

    /// <summary>A digest for <paramref name="uri"/>, or null when unknown; <paramref name="legacy"/> / <paramref name="sha1"/> say what it is.</summary>
    public static IDigest? Digest(string uri, out bool legacy, out bool sha1)
    {
        legacy = uri is Gost94Digest or More + "gostr3411";
        sha1 = uri == Sha1;
        return uri switch
        {
            Gost2012Digest256 or Gost2012Digest256More => new Gost3411_2012_256Digest(),
            Gost2012Digest512 or Gost2012Digest512More => new Gost3411_2012_512Digest(),
            Gost94Digest or More + "gostr3411" => new Gost3411Digest(),
            Sha256 => new Sha256Digest(),
            More + "sha384" => new Sha384Digest(),
            Sha512 => new Sha512Digest(),
            Sha1 => new Sha1Digest(),
            _ => null,
        };
    }

    /// <summary>Key OID of the certificate that the family needs.</summary>
    public static bool KeyFits(SignatureAlgorithmFamily family, string keyOid) => family switch
    {
        SignatureAlgorithmFamily.Gost2012With256 => keyOid == SignatureAlgorithms.Gost2012Key256,
        SignatureAlgorithmFamily.Gost2012With512 => keyOid == SignatureAlgorithms.Gost2012Key512,
        SignatureAlgorithmFamily.Gost2001 => keyOid == SignatureAlgorithms.Gost2001Key,
        SignatureAlgorithmFamily.Rsa => keyOid == SignatureAlgorithms.RsaKey,
        SignatureAlgorithmFamily.Ecdsa => keyOid == SignatureAlgorithms.EcKey,
        _ => false,
    };

    /// <summary>One signature method.</summary>
    public sealed record SignatureMethod(SignatureAlgorithmFamily Family, string BouncyCastleName, string DisplayName, bool IsSha1);
}
