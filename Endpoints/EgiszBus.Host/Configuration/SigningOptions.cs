namespace EgiszBus.Host.Configuration;

/// <summary>
/// The organisation's own signing key, for kinds that need an organisation signature (section <c>Signing</c>); optional.
/// Secrets come from files or environment variables (<c>EGISZBUS__Signing__PrivateKeyPassword</c>), never from a committed file.
/// </summary>
public sealed class SigningOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Signing";

    /// <summary>The organisation's certificate (DER or PEM).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The private key file (PEM, PKCS#8, possibly encrypted).</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The private key's password, if the key is encrypted.</summary>
    public string? PrivateKeyPassword { get; set; }

    /// <summary>True when a certificate and a key are configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) && !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
