using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed class RaceSagaData : SagaData
{
    public string Key { get; set; } = string.Empty;

    public List<int> Seen { get; set; } = [];
}
