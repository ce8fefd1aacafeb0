using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>The result of reading a SEMD into a FHIR R4 document Bundle (<see cref="SemdToFhirTranslator"/>).</summary>
/// <param name="Succeeded">True when <paramref name="Bundle"/> was produced and no problem was found.</param>
/// <param name="Bundle">The document Bundle (header resources and narrative sections), or null when the SEMD could not be read.</param>
/// <param name="FhirJson">The Bundle as FHIR R4 JSON (UTF-8), or null.</param>
/// <param name="Kind">FNSI 1.2.643.5.1.13.13.11.1520 code of the document kind, when known.</param>
/// <param name="Problems">All problems found; locations are XPath (<c>/ClinicalDocument/recordTarget/patientRole/id[2]</c>) or <c>line L, column C</c>.</param>
public sealed record SemdReadResult(bool Succeeded, Bundle? Bundle, byte[]? FhirJson, string? Kind, IReadOnlyList<TranslationProblem> Problems);
