using System.Collections.Concurrent;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>What the test handlers saw, shared by every endpoint of a test host.</summary>
public sealed class Probe
{
    public ConcurrentQueue<(string Endpoint, string Handler, object Message, DateTimeOffset At)> Seen { get; } = new();

    public int Count(Func<(string Endpoint, string Handler, object Message, DateTimeOffset At), bool> predicate) => Seen.Count(predicate);

    public void Record(string endpoint, string handler, object message) =>
        Seen.Enqueue((endpoint, handler, message, DateTimeOffset.UtcNow));

    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for: {what}");
            }

            await Task.Delay(25);
        }
    }
}
