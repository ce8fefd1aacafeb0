namespace EgiszBus.Adapters.Signatures;

/// <summary>Settings of <see cref="CmsSignatureVerifier"/>.</summary>
public sealed record CmsVerificationOptions
{
    /// <summary>Accept GOST R 34.10-2001 / GOST R 34.11-94 signatures (off: they give SIG-009).</summary>
    public bool AllowLegacyGost2001 { get; init; }

    /// <summary>Accept RSA and ECDSA (P-256/P-384) signatures with SHA-2 (on by default; REMD itself wants GOST).</summary>
    public bool AllowRsaAndEcdsa { get; init; } = true;

    /// <summary>The largest signature accepted (DER or base64 as received); larger input gives SIG-001.</summary>
    public int MaxSignatureBytes { get; init; } = 1024 * 1024;

    /// <summary>The most certificates a container may embed (more gives SIG-001; bounds the chain search).</summary>
    public int MaxEmbeddedCertificates { get; init; } = 32;

    /// <summary>The longest chain from the signer to a trusted CA (intermediates included).</summary>
    public int MaxChainLength { get; init; } = 8;
}
