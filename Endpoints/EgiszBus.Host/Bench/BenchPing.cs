namespace EgiszBus.Host.Bench;

/// <summary>The bench-only no-op message of the baseline (wire name <see cref="WireName"/>); never sent by the hub.</summary>
/// <param name="N">Sequence number of the message in its run.</param>
public sealed record BenchPing(int N)
{
    /// <summary>The wire name, given to the baseline endpoint through <c>EndpointDefinition.ExtraWireNames</c>.</summary>
    public const string WireName = "egiszbus.bench.ping.v1";
}
