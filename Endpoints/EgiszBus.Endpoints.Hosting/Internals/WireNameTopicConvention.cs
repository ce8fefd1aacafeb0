using Rebus.Topic;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>Topics are the events' stable wire names, so subscriptions survive renames of .NET types.</summary>
internal sealed class WireNameTopicConvention(IReadOnlyDictionary<Type, string> wireNames) : ITopicNameConvention
{
    public string GetTopic(Type eventType) =>
        wireNames.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException($"Event type {eventType} has no wire name (WireNames.All or the endpoint's ExtraWireNames)");
}
