using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class RaceSaga(Probe probe) : Saga<RaceSagaData>, IAmInitiatedBy<RaceMessage>
{
    public async Task Handle(RaceMessage message)
    {
        Data.Key = message.Key;
        if (!Data.Seen.Contains(message.N))
        {
            Data.Seen.Add(message.N);
        }

        // Widen the race window: both messages load "no saga" before either inserts.
        await Task.Delay(50);
        if (Data.Seen.Count == 2)
        {
            probe.Record("alpha", nameof(RaceSaga), new RaceResult(Data.Id, message.Key, [.. Data.Seen.Order()]));
        }
    }

    protected override void CorrelateMessages(ICorrelationConfig<RaceSagaData> config) =>
        config.Correlate<RaceMessage>(m => m.Key, d => d.Key);
}
