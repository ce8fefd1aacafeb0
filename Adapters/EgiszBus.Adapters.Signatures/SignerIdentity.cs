namespace EgiszBus.Adapters.Signatures;

/// <summary>Who signed, as read from the signer's certificate.</summary>
/// <param name="SubjectDn">The subject distinguished name (RFC 4514-like, BouncyCastle spelling).</param>
/// <param name="Snils">SNILS from the subject attribute 1.2.643.100.3 (11 digits), when present.</param>
/// <param name="Ogrn">OGRN from the subject attribute 1.2.643.100.1, when present.</param>
/// <param name="Inn">INN from the subject attribute 1.2.643.3.131.1.1, when present.</param>
/// <param name="NotBefore">Start of the certificate's validity.</param>
/// <param name="NotAfter">End of the certificate's validity.</param>
/// <param name="SerialNumber">The certificate serial number, upper-case hex.</param>
/// <param name="Algorithm">The signature algorithm, e.g. <c>GOST R 34.10-2012 256 / GOST R 34.11-2012 256</c>.</param>
public sealed record SignerIdentity(
    string SubjectDn,
    string? Snils,
    string? Ogrn,
    string? Inn,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string SerialNumber,
    string Algorithm);
