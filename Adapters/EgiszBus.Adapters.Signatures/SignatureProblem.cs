namespace EgiszBus.Adapters.Signatures;

/// <summary>One failed check of a signature.</summary>
/// <param name="Code">Our stable code, one of <see cref="SignatureErrorCodes"/> (<c>SIG-NNN</c>).</param>
/// <param name="RemdCode">The REMD error code of the same failure (FNSI 99.2.305), when there is one.</param>
/// <param name="Message">A Russian text for an operator; never contains personal data.</param>
public sealed record SignatureProblem(string Code, string? RemdCode, string Message);
