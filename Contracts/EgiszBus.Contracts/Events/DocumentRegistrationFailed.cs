namespace EgiszBus.Contracts.Events;

/// <summary>Remd → anyone: registration gave up (overall deadline passed while REMD kept failing technically).</summary>
public sealed record DocumentRegistrationFailed(Guid DocumentId, string LocalUid, string Reason, DateTimeOffset FailedAt);
