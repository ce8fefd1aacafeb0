namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>The outcome of <see cref="XmlSignatureVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when there are no problems.</param>
/// <param name="Signer">The signer, when its certificate was found.</param>
/// <param name="Problems">Every failed check; empty when valid.</param>
/// <param name="SignedElementId">
/// What the only Reference covers: the Id of the signed element (WS-Security: the SOAP Body's Id), an empty string when
/// the whole document is signed (<c>URI=""</c>), null when verification stopped before the Reference was resolved.
/// </param>
public sealed record XmlSignatureVerification(
    bool IsValid,
    SignerIdentity? Signer,
    IReadOnlyList<SignatureProblem> Problems,
    string? SignedElementId)
{
    /// <summary>True when a problem with <paramref name="code"/> is present.</summary>
    public bool Has(string code) => Problems.Any(p => p.Code == code);
}
