namespace EgiszBus.Host.Configuration;

/// <summary>Certificates the bus trusts when it verifies signatures (section <c>Trust</c>).</summary>
public sealed class TrustOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Trust";

    /// <summary>Paths of CA certificate files (DER or PEM), e.g. the Ministry's and accredited CAs' roots.</summary>
    public List<string> CaCertificates { get; set; } = [];

    /// <summary>Paths of certificate revocation lists (DER or PEM) checked for signer and intermediate certificates.</summary>
    public List<string> Crls { get; set; } = [];
}
