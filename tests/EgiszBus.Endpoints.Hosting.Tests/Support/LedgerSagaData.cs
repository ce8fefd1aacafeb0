using Rebus.Sagas.Idempotent;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class LedgerSagaData : IdempotentSagaData
{
    public string Key { get; set; } = string.Empty;

    public int Handled { get; set; }
}
