namespace EgiszBus.Adapters.Semd;

/// <summary>One problem found while translating; <paramref name="Code"/> is one of <see cref="TranslationErrorCodes"/> (or <c>SEMD-XSD</c>).</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Message">Text for the operator (may be Russian).</param>
/// <param name="Location">FHIRPath (<c>Bundle.entry[2].resource.identifier[0].value</c>), <c>line L, column C</c>, or null.</param>
public sealed record TranslationProblem(string Code, string Message, string? Location);
