using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class PingHandler(Probe probe, EndpointIdentity identity) : IHandleMessages<Ping>
{
    public Task Handle(Ping message)
    {
        probe.Record(identity.Name, nameof(PingHandler), message);
        return Task.CompletedTask;
    }
}
