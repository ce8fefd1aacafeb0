namespace EgiszBus.Contracts.Events;

/// <summary>
/// Documents → anyone: the document was translated to SEMD, validated and its signatures verified.
/// The SEMD bytes are in the document store under <paramref name="SemdRef"/>.
/// </summary>
public sealed record DocumentAccepted(
    Guid DocumentId,
    string Kind,
    string LocalUid,
    string SemdRef,
    DocumentFacts Facts,
    DateTimeOffset AcceptedAt);
