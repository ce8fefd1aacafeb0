using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;
using Rebus.Sagas.Idempotent;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>
/// Shaped like the REMD registration policy: state advances once per entry and the handler ignores an entry it has already
/// applied — so if the saga was saved but its outgoing echo was lost, only the idempotent-saga machinery can bring the echo back.
/// </summary>
public sealed class LedgerSaga(IBus bus) : IdempotentSaga<LedgerSagaData>, IAmInitiatedBy<LedgerEntry>
{
    public async Task Handle(LedgerEntry message)
    {
        if (!IsNew)
        {
            return; // already applied
        }

        Data.Key = message.Key;
        Data.Handled++;
        await bus.SendLocal(new LedgerEcho(message.Key, Data.Handled));
    }

    protected override void CorrelateMessages(ICorrelationConfig<LedgerSagaData> config) =>
        config.Correlate<LedgerEntry>(m => m.Key, d => d.Key);
}
