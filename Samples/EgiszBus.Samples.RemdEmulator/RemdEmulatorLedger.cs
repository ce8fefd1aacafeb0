namespace EgiszBus.Samples.RemdEmulator;

/// <summary>A snapshot of the emulator's ledger (<c>GET /ledger</c>).</summary>
public sealed record RemdEmulatorLedger(RemdLedgerTotals Totals, IReadOnlyList<RemdLedgerEntry> Documents)
{
    /// <summary>The entry of <paramref name="localUid"/>, or null.</summary>
    public RemdLedgerEntry? this[string localUid] => Documents.FirstOrDefault(d => d.LocalUid == localUid);
}
