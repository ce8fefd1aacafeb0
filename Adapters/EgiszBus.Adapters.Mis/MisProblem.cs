namespace EgiszBus.Adapters.Mis;

/// <summary>One problem found in an MIS export.</summary>
/// <param name="Code">One of <see cref="MisErrorCodes"/>.</param>
/// <param name="Message">Text for the operator (Russian). Never contains personal data.</param>
/// <param name="Location">CSV: <c>line L, column C (ColumnName)</c>; JSON: a JSON path such as <c>$.results[2].value</c>
/// (or <c>line L, column C</c> for malformed JSON); null when the whole input is concerned.</param>
/// <param name="DocumentNumber">The document the problem belongs to, when known.</param>
public sealed record MisProblem(string Code, string Message, string? Location, string? DocumentNumber = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code} {Location}: {Message}";
}
