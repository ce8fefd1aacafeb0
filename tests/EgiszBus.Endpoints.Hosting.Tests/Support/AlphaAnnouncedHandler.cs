using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class AlphaAnnouncedHandler(Probe probe, EndpointIdentity identity) : IHandleMessages<Announced>
{
    public Task Handle(Announced message)
    {
        probe.Record(identity.Name, nameof(AlphaAnnouncedHandler), message);
        return Task.CompletedTask;
    }
}
