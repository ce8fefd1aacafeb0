namespace EgiszBus.Samples.RemdEmulator;

/// <summary>Emulator-wide counters.</summary>
/// <param name="Requests">SOAP requests that arrived.</param>
/// <param name="FaultsInjected">Answers replaced by an injected fault (error rate, outage, accept-then-fail).</param>
/// <param name="CallbacksSent">Callbacks delivered.</param>
/// <param name="CallbacksLost">Callbacks deliberately not sent.</param>
/// <param name="CallbackAttemptsFailed">Callback attempts the listener did not take (down, non-2xx).</param>
public sealed record RemdLedgerTotals(int Requests, int FaultsInjected, int CallbacksSent, int CallbacksLost, int CallbackAttemptsFailed);
