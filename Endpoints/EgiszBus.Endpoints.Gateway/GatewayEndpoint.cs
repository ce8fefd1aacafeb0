using EgiszBus.Contracts.Events;
using EgiszBus.Endpoints.Gateway.Handlers;
using EgiszBus.Endpoints.Hosting;
using Rebus.Config;

namespace EgiszBus.Endpoints.Gateway;

/// <summary>
/// The <c>gateway</c> endpoint: the HTTP API for MIS and the REMD callback listener (<see cref="Api.GatewayApi"/>),
/// and <see cref="DocumentStatusProjection"/>, which keeps document statuses in step with the flow's events.
/// </summary>
public static class GatewayEndpoint
{
    /// <summary>Endpoint and input queue name.</summary>
    public const string Name = "gateway";

    /// <summary>The endpoint's definition for the hosting layer.</summary>
    public static EndpointDefinition Definition() => new(Name, static (services, _) =>
    {
        services.AddRebusHandler<DocumentStatusProjection>();
    })
    {
        Subscriptions =
        [
            typeof(DocumentAccepted), typeof(DocumentRejected), typeof(DocumentSentToRemd), typeof(DocumentRegistered),
            typeof(DocumentRegistrationRejected), typeof(DocumentRegistrationFailed),
        ],
    };
}
