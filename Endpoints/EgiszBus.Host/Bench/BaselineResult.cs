namespace EgiszBus.Host.Bench;

/// <summary>What the no-op baseline measured.</summary>
/// <param name="Messages">Messages sent and handled in the timed run.</param>
/// <param name="SendSeconds">From the first send until every send was committed (the endpoint drains meanwhile).</param>
/// <param name="TotalSeconds">From the first send until the handler had seen every message.</param>
public sealed record BaselineResult(int Messages, double SendSeconds, double TotalSeconds)
{
    /// <summary>Messages per second, sending and draining together.</summary>
    public double MessagesPerSecond => Messages / TotalSeconds;
}
