namespace EgiszBus.Contracts.Events;

/// <summary>Remd → anyone: REMD registered the document under <paramref name="EmdrId"/>.</summary>
public sealed record DocumentRegistered(Guid DocumentId, string LocalUid, string EmdrId, DateTimeOffset RegisteredAt);
