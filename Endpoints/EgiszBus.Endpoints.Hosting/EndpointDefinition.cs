using Microsoft.Extensions.DependencyInjection;
using Rebus.Config;

namespace EgiszBus.Endpoints.Hosting;

/// <summary>
/// One logical endpoint: its input queue and what runs on it. Each endpoint gets its own bus and its own
/// service container, so its handlers never run on another endpoint's bus.
/// </summary>
/// <param name="Name">The endpoint and input queue name, e.g. <c>gateway</c>, <c>documents</c>, <c>remd</c>.</param>
/// <param name="ConfigureServices">
/// Registers the endpoint's handlers and sagas (e.g. <c>services.AddRebusHandler&lt;T&gt;()</c>) into the endpoint's own
/// container; the second argument is the host's container, to forward more singletons when needed.
/// </param>
public sealed record EndpointDefinition(string Name, Action<IServiceCollection, IServiceProvider> ConfigureServices)
{
    /// <summary>Event types the endpoint subscribes to when it starts.</summary>
    public IReadOnlyList<Type> Subscriptions { get; init; } = [];

    /// <summary>Wire names of endpoint-internal messages (saga timeouts, self-sends) in addition to <c>WireNames.All</c>.</summary>
    public IReadOnlyDictionary<Type, string> ExtraWireNames { get; init; } = new Dictionary<Type, string>();

    /// <summary>Optional last-word hook on the Rebus configuration (e.g. extra options or pipeline steps).</summary>
    public Action<RebusConfigurer>? ConfigureRebus { get; init; }
}
