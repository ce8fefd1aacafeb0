using Rebus.Messages;
using Rebus.Timeouts;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>
/// Stands in for Rebus's timeout manager when the transport defers natively (the message waits in its queue
/// until due); reaching it means a deferred message bypassed the transport, which is a bug.
/// </summary>
internal sealed class NativeDeferralTimeoutManager : ITimeoutManager
{
    public Task Defer(DateTimeOffset approximateDueTime, Dictionary<string, string> headers, byte[] body) =>
        throw new InvalidOperationException(
            $"Message {headers.GetValueOrDefault(Headers.MessageId, "<no id>")} reached the timeout manager, but deferral is native to the transport");

    public Task<DueMessagesResult> GetDueMessages() => Task.FromResult(DueMessagesResult.Empty);
}
