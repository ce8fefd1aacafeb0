using EgiszBus.Adapters.Remd;
using EgiszBus.Contracts.Events;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Endpoints.Remd.Messages;
using EgiszBus.Endpoints.Remd.Policies;
using Microsoft.Extensions.DependencyInjection;
using Rebus.Config;

namespace EgiszBus.Endpoints.Remd;

/// <summary>
/// The <c>remd</c> endpoint: owns <see cref="RemdRegistrationPolicy"/>. Starts on <see cref="DocumentAccepted"/>,
/// takes REMD's results as <c>RecordRemdResult</c> from the gateway's callback listener.
/// The host must register an <see cref="IRemdClient"/> and <see cref="RemdRegistrationOptions"/>.
/// </summary>
public static class RemdEndpoint
{
    /// <summary>Endpoint and input queue name.</summary>
    public const string Name = "remd";

    /// <summary>The endpoint's definition for the hosting layer.</summary>
    public static EndpointDefinition Definition() => new(Name, static (services, host) =>
    {
        services.AddSingleton(host.GetRequiredService<IRemdClient>());
        services.AddSingleton(host.GetRequiredService<RemdRegistrationOptions>());
        services.AddRebusHandler<RemdRegistrationPolicy>();
    })
    {
        Subscriptions = [typeof(DocumentAccepted)],
        ExtraWireNames = RemdWireNames.All,
    };
}
