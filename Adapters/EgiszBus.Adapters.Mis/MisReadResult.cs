namespace EgiszBus.Adapters.Mis;

/// <summary>
/// What was read from an MIS export: the documents that are sound, and every problem found. A bad document yields
/// problems and is left out; the other documents are still returned.
/// </summary>
/// <typeparam name="T">The document form (<see cref="MisLaboratoryDocument"/>, or a FHIR <c>Bundle</c>).</typeparam>
/// <param name="Documents">Sound documents, in the order of their first appearance in the input.</param>
/// <param name="Problems">All problems found (empty when every document was sound).</param>
public sealed record MisReadResult<T>(IReadOnlyList<T> Documents, IReadOnlyList<MisProblem> Problems)
{
    /// <summary>True when no problem was found.</summary>
    public bool Succeeded => Problems.Count == 0;
}
