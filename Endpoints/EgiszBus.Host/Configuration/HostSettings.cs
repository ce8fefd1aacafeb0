using EgiszBus.Endpoints.Hosting;

namespace EgiszBus.Host.Configuration;

/// <summary>Every section of the host's configuration, bound, defaulted and checked by <see cref="HostConfiguration"/>.</summary>
public sealed class HostSettings
{
    /// <summary>Section <c>Bus</c>: transport and storage.</summary>
    public BusOptions Bus { get; init; } = new();

    /// <summary>Section <c>Gateway</c>.</summary>
    public GatewayOptions Gateway { get; init; } = new();

    /// <summary>Section <c>Remd</c>; <see cref="RemdOptions.CallbackUrl"/> is filled in from the gateway when not set.</summary>
    public RemdOptions Remd { get; init; } = new();

    /// <summary>Section <c>ReferenceData</c>; <see cref="ReferenceDataOptions.Path"/> is a full path when valid.</summary>
    public ReferenceDataOptions ReferenceData { get; init; } = new();

    /// <summary>Section <c>Trust</c>.</summary>
    public TrustOptions Trust { get; init; } = new();

    /// <summary>Section <c>Signing</c>.</summary>
    public SigningOptions Signing { get; init; } = new();
}
