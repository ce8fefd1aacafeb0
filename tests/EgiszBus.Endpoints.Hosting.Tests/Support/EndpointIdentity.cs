using Rebus.Bus;
using Rebus.Handlers;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

public sealed record EndpointIdentity(string Name);
