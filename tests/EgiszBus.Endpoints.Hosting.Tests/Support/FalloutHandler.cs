using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class FalloutHandler(Probe probe) : IHandleMessages<Fallout>
{
    public Task Handle(Fallout message)
    {
        probe.Record("beta", nameof(FalloutHandler), message);
        return Task.CompletedTask;
    }
}
