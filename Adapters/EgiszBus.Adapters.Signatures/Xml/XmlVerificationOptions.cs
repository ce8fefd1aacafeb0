namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>Settings of one <see cref="XmlSignatureVerifier.Verify"/> call.</summary>
public sealed record XmlVerificationOptions
{
    /// <summary>Accept GOST R 34.10-2001 signatures and GOST R 34.11-94 digests (off: SIG-009).</summary>
    public bool AllowLegacyGost2001 { get; init; }

    /// <summary>Accept SHA-1 digests and RSA/ECDSA-SHA1 signatures (off: SIG-009).</summary>
    public bool AllowSha1 { get; init; }

    /// <summary>Accept RSA and ECDSA with SHA-2 (on by default; REMD itself wants GOST).</summary>
    public bool AllowRsaAndEcdsa { get; init; } = true;

    /// <summary>The largest document accepted, in bytes (larger gives SIG-016).</summary>
    public int MaxDocumentBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The deepest element nesting accepted (deeper gives SIG-016).</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>The most certificates the signature may carry (more gives SIG-016).</summary>
    public int MaxCertificates { get; init; } = 16;

    /// <summary>The longest chain from the signer to a trusted CA (intermediates included).</summary>
    public int MaxChainLength { get; init; } = 8;

    /// <summary>The document's creation date: the certificate must be valid then too (SIG-006/SIG-007).</summary>
    public DateTimeOffset? DocumentDate { get; init; }
}
