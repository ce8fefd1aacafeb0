namespace EgiszBus.Adapters.Semd;

/// <summary>The result of translating a FHIR document Bundle into a SEMD.</summary>
/// <param name="Succeeded">True when <paramref name="Semd"/> was produced and no problem was found.</param>
/// <param name="Semd">The SEMD bytes (UTF-8 without BOM, <c>\n</c> line ends), the exact bytes a detached signature covers.</param>
/// <param name="Facts">What the hub needs to know of the document (null when the Bundle could not be read).</param>
/// <param name="Problems">All problems found (empty on success).</param>
public sealed record SemdTranslation(bool Succeeded, byte[]? Semd, LaboratoryDocumentFacts? Facts, IReadOnlyList<TranslationProblem> Problems);
