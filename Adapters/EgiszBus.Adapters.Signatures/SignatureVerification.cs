namespace EgiszBus.Adapters.Signatures;

/// <summary>The outcome of <see cref="CmsSignatureVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when there are no problems.</param>
/// <param name="Signer">The signer, when its certificate was found in the container.</param>
/// <param name="Problems">Every failed check; empty when valid.</param>
public sealed record SignatureVerification(bool IsValid, SignerIdentity? Signer, IReadOnlyList<SignatureProblem> Problems)
{
    /// <summary>True when a problem with <paramref name="code"/> is present.</summary>
    public bool Has(string code) => Problems.Any(p => p.Code == code);
}
