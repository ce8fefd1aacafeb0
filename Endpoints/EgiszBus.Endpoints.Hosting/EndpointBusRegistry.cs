using System.Collections.Concurrent;
using Rebus.Bus;

namespace EgiszBus.Endpoints.Hosting;

/// <summary>
/// The running buses of this process by endpoint name, for code outside message handlers (e.g. the gateway's
/// HTTP API sending <c>SubmitDocument</c>). Also available as keyed <see cref="IBus"/> services:
/// <c>[FromKeyedServices("gateway")] IBus bus</c>.
/// </summary>
public sealed class EndpointBusRegistry
{
    private readonly ConcurrentDictionary<string, IBus> buses = new(StringComparer.Ordinal);

    /// <summary>Names of the endpoints whose buses are running.</summary>
    public IReadOnlyCollection<string> Running => buses.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The bus of <paramref name="endpoint"/>; throws when that endpoint is not running (not hosted, or not started yet).</summary>
    public IBus Get(string endpoint) =>
        TryGet(endpoint, out var bus)
            ? bus
            : throw new InvalidOperationException($"Endpoint '{endpoint}' is not running in this process (running: {string.Join(", ", Running)})");

    /// <summary>The bus of <paramref name="endpoint"/> when it is running.</summary>
    public bool TryGet(string endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IBus? bus) =>
        buses.TryGetValue(endpoint, out bus);

    internal void Add(string endpoint, IBus bus)
    {
        if (!buses.TryAdd(endpoint, bus))
        {
            throw new InvalidOperationException($"Endpoint '{endpoint}' is already running in this process");
        }
    }

    internal void Remove(string endpoint) => buses.TryRemove(endpoint, out _);
}
