using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class BetaAnnouncedHandler(Probe probe, EndpointIdentity identity) : IHandleMessages<Announced>
{
    public Task Handle(Announced message)
    {
        probe.Record(identity.Name, nameof(BetaAnnouncedHandler), message);
        return Task.CompletedTask;
    }
}
