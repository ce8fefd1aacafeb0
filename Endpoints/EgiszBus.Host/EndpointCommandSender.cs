using EgiszBus.Endpoints.Gateway;
using EgiszBus.Endpoints.Hosting;

namespace EgiszBus.Host;

/// <summary>Sends the gateway's commands on the gateway endpoint's running bus.</summary>
public sealed class EndpointCommandSender(EndpointBusRegistry buses, string endpoint) : ICommandSender
{
    /// <inheritdoc />
    public Task SendAsync(object command) => buses.Get(endpoint).Send(command);
}
