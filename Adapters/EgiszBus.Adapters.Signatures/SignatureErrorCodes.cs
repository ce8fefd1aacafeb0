namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Stable codes of signature problems (<c>SIG-NNN</c>) and the REMD error codes (FNSI 1.2.643.5.1.13.13.99.2.305)
/// they correspond to. Tests and callers assert on these codes, never on message texts.
/// </summary>
public static class SignatureErrorCodes
{
    /// <summary>The input is not a CMS SignedData structure (not DER/base64, broken ASN.1, wrong content type, too large). REMD: SIGNATURE_DECODING_ERROR.</summary>
    public const string Malformed = "SIG-001";

    /// <summary>The container has no signer or more than one signer. REMD: MULTIPLE_SIGNERS (NO_SIGNATURE when there is none).</summary>
    public const string SignerCount = "SIG-002";

    /// <summary>The signer's (end-entity) certificate is not embedded in the container. REMD: NO_END_ENTITY_CERTIFICATE.</summary>
    public const string NoEndEntityCertificate = "SIG-003";

    /// <summary>The signature value or the message digest does not match: content or signature tampered. REMD: SIGNATURE_VERIFICATION_ERROR.</summary>
    public const string SignatureMismatch = "SIG-004";

    /// <summary>No chain from the signer certificate to a trusted CA (through intermediates embedded in the container). REMD: CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT.</summary>
    public const string UntrustedChain = "SIG-005";

    /// <summary>The certificate is not yet valid at the signing time or at the document date. REMD: DOC_DATE_MISMATCH_CERT_NOT_BEFORE.</summary>
    public const string CertificateNotYetValid = "SIG-006";

    /// <summary>The certificate has expired at the signing time or at the document date. REMD: DOC_DATE_MISMATCH_CERT_NOT_AFTER.</summary>
    public const string CertificateExpired = "SIG-007";

    /// <summary>The certificate's key usage allows neither digitalSignature nor nonRepudiation. REMD: INVALID_CERT_KEY_USAGE.</summary>
    public const string InvalidKeyUsage = "SIG-008";

    /// <summary>The signature, digest or key algorithm is not allowed. REMD: UNKNOWN_ALGORITHM.</summary>
    public const string AlgorithmNotAllowed = "SIG-009";

    /// <summary>XMLDSig: no <c>ds:Signature</c> where one is expected (root child, or <c>wsse:Security</c>). REMD: NO_SIGNATURE.</summary>
    public const string XmlSignatureMissing = "SIG-010";

    /// <summary>XMLDSig: more than one <c>ds:Signature</c> where exactly one is expected. REMD: MULTIPLE_SIGNERS.</summary>
    public const string XmlSignatureMultiple = "SIG-011";

    /// <summary>XMLDSig: the same Id value (Id, ID, id, wsu:Id, xml:id) appears on more than one element. REMD: WRONG_SIGNATURE_FORMAT.</summary>
    public const string XmlDuplicateId = "SIG-012";

    /// <summary>
    /// XMLDSig: a Reference does not point at the element the caller processes (the document root for an enveloped signature,
    /// the SOAP Body for WS-Security), points at nothing, or there is more than one Reference. REMD: WRONG_SIGNATURE_FORMAT.
    /// </summary>
    public const string XmlReferenceNotAllowed = "SIG-013";

    /// <summary>XMLDSig: a Transform outside the allow-list (enveloped-signature, exc-c14n, c14n 1.0), e.g. XSLT or XPath. REMD: WRONG_SIGNATURE_FORMAT.</summary>
    public const string XmlTransformNotAllowed = "SIG-014";

    /// <summary>
    /// XMLDSig: a Reference DigestValue does not match: the signed content or its canonical form changed after signing
    /// (re-formatting included). REMD: SIGNATURE_VERIFICATION_ERROR.
    /// </summary>
    public const string XmlDigestMismatch = "SIG-015";

    /// <summary>XMLDSig: the XML is malformed or forbidden (DTD, entities, too large, too deep). REMD: SIGNATURE_DECODING_ERROR.</summary>
    public const string XmlMalformed = "SIG-016";

    /// <summary>
    /// The signer certificate (or an intermediate CA certificate of its chain) is listed in a CRL of the trust store, revoked
    /// at or before the time of the check. REMD has no CERT_REVOKED code; the closest is PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT.
    /// </summary>
    public const string CertificateRevoked = "SIG-017";

    /// <summary>REMD code PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT (125): the certificate is not valid at the check date.</summary>
    public const string RemdCertNotActualOnCheckDate = "PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT";

    /// <summary>REMD code SIGNATURE_DECODING_ERROR (41).</summary>
    public const string RemdSignatureDecodingError = "SIGNATURE_DECODING_ERROR";

    /// <summary>REMD code MULTIPLE_SIGNERS (52).</summary>
    public const string RemdMultipleSigners = "MULTIPLE_SIGNERS";

    /// <summary>REMD code NO_SIGNATURE (21).</summary>
    public const string RemdNoSignature = "NO_SIGNATURE";

    /// <summary>REMD code NO_END_ENTITY_CERTIFICATE (18).</summary>
    public const string RemdNoEndEntityCertificate = "NO_END_ENTITY_CERTIFICATE";

    /// <summary>REMD code SIGNATURE_VERIFICATION_ERROR (42).</summary>
    public const string RemdSignatureVerificationError = "SIGNATURE_VERIFICATION_ERROR";

    /// <summary>REMD code CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT (4).</summary>
    public const string RemdCantBuildCertChain = "CANT_BUILD_CERT_CHAIN_TO_ACCREDITED_CA_CERT";

    /// <summary>REMD code DOC_DATE_MISMATCH_CERT_NOT_BEFORE (9).</summary>
    public const string RemdDocDateMismatchCertNotBefore = "DOC_DATE_MISMATCH_CERT_NOT_BEFORE";

    /// <summary>REMD code DOC_DATE_MISMATCH_CERT_NOT_AFTER (8).</summary>
    public const string RemdDocDateMismatchCertNotAfter = "DOC_DATE_MISMATCH_CERT_NOT_AFTER";

    /// <summary>REMD code INVALID_CERT_KEY_USAGE (12).</summary>
    public const string RemdInvalidCertKeyUsage = "INVALID_CERT_KEY_USAGE";

    /// <summary>REMD code UNKNOWN_ALGORITHM (44).</summary>
    public const string RemdUnknownAlgorithm = "UNKNOWN_ALGORITHM";

    /// <summary>REMD code WRONG_SIGNATURE_FORMAT (53).</summary>
    public const string RemdWrongSignatureFormat = "WRONG_SIGNATURE_FORMAT";

    /// <summary>Our code → the REMD code of the same failure (spellings as in error-codes-99.2.305.tsv).</summary>
    public static IReadOnlyDictionary<string, string> RemdCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Malformed] = RemdSignatureDecodingError,
        [SignerCount] = RemdMultipleSigners,
        [NoEndEntityCertificate] = RemdNoEndEntityCertificate,
        [SignatureMismatch] = RemdSignatureVerificationError,
        [UntrustedChain] = RemdCantBuildCertChain,
        [CertificateNotYetValid] = RemdDocDateMismatchCertNotBefore,
        [CertificateExpired] = RemdDocDateMismatchCertNotAfter,
        [InvalidKeyUsage] = RemdInvalidCertKeyUsage,
        [AlgorithmNotAllowed] = RemdUnknownAlgorithm,
        [XmlSignatureMissing] = RemdNoSignature,
        [XmlSignatureMultiple] = RemdMultipleSigners,
        [XmlDuplicateId] = RemdWrongSignatureFormat,
        [XmlReferenceNotAllowed] = RemdWrongSignatureFormat,
        [XmlTransformNotAllowed] = RemdWrongSignatureFormat,
        [XmlDigestMismatch] = RemdSignatureVerificationError,
        [XmlMalformed] = RemdSignatureDecodingError,
        [CertificateRevoked] = RemdCertNotActualOnCheckDate,
    };

    /// <summary>The REMD code for <paramref name="code"/>, or null when there is none.</summary>
    public static string? ToRemdCode(string code) => RemdCodes.TryGetValue(code, out var remd) ? remd : null;
}
