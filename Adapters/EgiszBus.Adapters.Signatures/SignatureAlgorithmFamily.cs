namespace EgiszBus.Adapters.Signatures;

/// <summary>The signature algorithm families the verifier knows.</summary>
internal enum SignatureAlgorithmFamily
{
    /// <summary>GOST R 34.10-2012 256 with GOST R 34.11-2012 256 (Streebog).</summary>
    Gost2012With256,

    /// <summary>GOST R 34.10-2012 512 with GOST R 34.11-2012 512.</summary>
    Gost2012With512,

    /// <summary>GOST R 34.10-2001 with GOST R 34.11-94 (legacy).</summary>
    Gost2001,

    /// <summary>RSA PKCS#1 v1.5 with SHA-256/384/512.</summary>
    Rsa,

    /// <summary>ECDSA on P-256/P-384 with SHA-256/384/512.</summary>
    Ecdsa,
}
