using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class DoomedHandler(Probe probe, IBus bus) : IHandleMessages<Doomed>
{
    public async Task Handle(Doomed message)
    {
        await bus.Advanced.Routing.Send("beta", new Fallout(message.N));
        probe.Record("alpha", nameof(DoomedHandler), message);
        throw new InvalidOperationException($"Doomed message {message.N} always fails");
    }
}
