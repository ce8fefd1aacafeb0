namespace EgiszBus.Contracts;

/// <summary>
/// One coded problem with a document: a stable <paramref name="Code"/> (e.g. <c>TRN-012</c>, <c>SIG-004</c>
/// or a REMD code such as <c>VALIDATION_ERROR</c>), a human-readable message and where it is
/// (FHIRPath, XPath, line/column), when known.
/// </summary>
public sealed record DocumentProblem(string Code, string Message, string? Location = null);
