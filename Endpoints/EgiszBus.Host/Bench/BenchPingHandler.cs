using Rebus.Handlers;

namespace EgiszBus.Host.Bench;

/// <summary>The baseline's no-op handler: counts and returns.</summary>
internal sealed class BenchPingHandler(BenchPingCounter counter) : IHandleMessages<BenchPing>
{
    public Task Handle(BenchPing message)
    {
        counter.Hit();
        return Task.CompletedTask;
    }
}
