using Rebus.Handlers;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class LedgerEchoHandler(Probe probe, EndpointIdentity identity) : IHandleMessages<LedgerEcho>
{
    public Task Handle(LedgerEcho message)
    {
        probe.Record(identity.Name, nameof(LedgerEchoHandler), message);
        return Task.CompletedTask;
    }
}
