namespace EgiszBus.Host.Bench;

/// <summary>The outcome of <c>egiszbus bench flow</c> (the <c>--json</c> output).</summary>
/// <param name="Server">host:port of the PostgreSQL server (no credentials).</param>
/// <param name="Databases">The prefix of the two databases used.</param>
/// <param name="Workers">Bus:Workers (same for both runs).</param>
/// <param name="MaxParallelism">Bus:MaxParallelism (same for both runs).</param>
/// <param name="Concurrency">Parallel HTTP submits of the flow run.</param>
/// <param name="Baseline">The no-op baseline.</param>
/// <param name="Flow">The flow run.</param>
/// <param name="ExpectedMessagesPerDocument">Bus messages one registered document needs by design (see <see cref="MessagesPerDocumentBreakdown"/>).</param>
public sealed record BenchFlowReport(
    string Server,
    string Databases,
    int Workers,
    int MaxParallelism,
    int Concurrency,
    BaselineResult Baseline,
    FlowResult Flow,
    int ExpectedMessagesPerDocument)
{
    /// <summary>What one document costs on the bus when REMD answers at once (no retries, no lost callbacks).</summary>
    public const string MessagesPerDocumentBreakdown =
        "SubmitDocument 1 + DocumentAccepted 2 (gateway, remd) + DocumentSentToRemd 1 + RemdResultCheckDue 1 (deferred callback timeout, "
        + "fires later and is ignored) + RecordRemdResult 1 + DocumentRegistered 1 = 7";

    /// <summary>Flow bus messages per second divided by baseline messages per second.</summary>
    public double Ratio => Flow.MessagesPerSecond / Baseline.MessagesPerSecond;
}
