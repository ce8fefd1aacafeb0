namespace EgiszBus.Host.Bench;

/// <summary>What the flow run measured.</summary>
/// <param name="Documents">Documents submitted in the timed run.</param>
/// <param name="Registered">Of them, how many ended <c>Registered</c>.</param>
/// <param name="SubmitSeconds">From the first submit until every HTTP submit was answered.</param>
/// <param name="TotalSeconds">From the first submit until the last document became <c>Registered</c> (its status time).</param>
/// <param name="BusMessages">Rows inserted into the bus queue table during the timed run (sends, one per subscriber of a publish, deferrals).</param>
/// <param name="LedgerProblem">Null when the REMD emulator registered every localUid exactly once; else what is wrong.</param>
/// <param name="NotRegistered">Up to ten documents that did not end Registered: id, state and problem codes.</param>
public sealed record FlowResult(
    int Documents,
    int Registered,
    double SubmitSeconds,
    double TotalSeconds,
    long BusMessages,
    string? LedgerProblem,
    IReadOnlyList<string> NotRegistered)
{
    /// <summary>Documents per second, submit to Registered.</summary>
    public double DocumentsPerSecond => Documents / TotalSeconds;

    /// <summary>Bus messages per document, measured.</summary>
    public double MessagesPerDocument => (double)BusMessages / Documents;

    /// <summary>Bus messages per second of the flow.</summary>
    public double MessagesPerSecond => DocumentsPerSecond * MessagesPerDocument;

    /// <summary>Warnings and errors the hub logged during the flow run (warm-up included); filled in by the command.</summary>
    public HubLogSummary HubLog { get; init; } = new(0, 0, []);

    /// <summary>True when every document ended Registered and the ledger is clean.</summary>
    public bool Succeeded => Registered == Documents && LedgerProblem is null;
}
