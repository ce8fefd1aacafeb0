namespace EgiszBus.Contracts.Events;

/// <summary>Remd → gateway: REMD accepted the registration request synchronously; the result comes later.</summary>
public sealed record DocumentSentToRemd(Guid DocumentId, string LocalUid, DateTimeOffset SentAt);
