namespace EgiszBus.Samples.RemdEmulator;

/// <summary>What the emulator saw for one localUid.</summary>
/// <param name="LocalUid">The document instance id.</param>
/// <param name="RegisterRequests">registerDocument requests that arrived (faulted ones included).</param>
/// <param name="Registrations">Times the document was registered; never above 1.</param>
/// <param name="EmdrId">The registry number once registered.</param>
/// <param name="RegistrationDateTime">When it was registered.</param>
/// <param name="CallbacksSent">Callbacks delivered (2xx from the listener).</param>
/// <param name="CallbacksLost">Callbacks deliberately not sent.</param>
/// <param name="Status">None (never accepted), InProgress, Registered or Rejected.</param>
/// <param name="MessageId">The MessageID of the accepted request (callbacks relate to it).</param>
/// <param name="ErrorCodes">The codes of the last rejection.</param>
public sealed record RemdLedgerEntry(
    string LocalUid,
    int RegisterRequests,
    int Registrations,
    string? EmdrId,
    DateTimeOffset? RegistrationDateTime,
    int CallbacksSent,
    int CallbacksLost,
    string Status,
    string? MessageId,
    IReadOnlyList<string> ErrorCodes);
