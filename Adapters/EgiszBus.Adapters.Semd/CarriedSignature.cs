namespace EgiszBus.Adapters.Semd;

/// <summary>A detached CMS signature carried in <c>Bundle.signature</c>, made over the SEMD bytes the hub renders.</summary>
/// <param name="SignerSnils">SNILS (11 digits) of the Practitioner that <c>Signature.who</c> points to, or null.</param>
/// <param name="Data">The CMS (PKCS#7) bytes.</param>
/// <param name="Location">FHIRPath of the signature (<c>Bundle.signature</c>).</param>
public sealed record CarriedSignature(string? SignerSnils, byte[] Data, string Location);
