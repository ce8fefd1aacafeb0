namespace EgiszBus.Host.Configuration;

/// <summary>The HTTP ingress of the bus (section <c>Gateway</c>). Authentication is configured elsewhere.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>The address Kestrel listens on and the public base of our callback URLs.</summary>
    public string Url { get; set; } = "http://127.0.0.1:5080";
}
