namespace EgiszBus.Host.Bench;

/// <summary>What <c>egiszbus bench flow</c> was asked to do.</summary>
/// <param name="ConnectionString">A PostgreSQL server (its maintenance database); two fresh databases are created in it.</param>
/// <param name="Documents">Documents of the flow run.</param>
/// <param name="Messages">Messages of the no-op baseline.</param>
/// <param name="Concurrency">Parallel HTTP submits (and renders while preparing).</param>
/// <param name="Json">Machine-readable output instead of the table.</param>
/// <param name="Keep">Keep the two databases (and the bench data directory) afterwards.</param>
/// <param name="Timeout">Longest wait for each run to finish.</param>
public sealed record BenchFlowArguments(string ConnectionString, int Documents, int Messages, int Concurrency, bool Json, bool Keep, TimeSpan Timeout);
