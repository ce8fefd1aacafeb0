namespace EgiszBus.Contracts.Commands;

/// <summary>
/// Gateway → documents: a document arrived from an MIS. The submitted bytes (FHIR document Bundle with its
/// <c>Bundle.signature</c>) are in the document store under <paramref name="ContentRef"/> (claim check).
/// </summary>
public sealed record SubmitDocument(Guid DocumentId, string ContentRef, string ContentType, DateTimeOffset ReceivedAt);
