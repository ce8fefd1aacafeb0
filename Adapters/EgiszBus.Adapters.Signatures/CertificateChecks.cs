using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Checks of a signer certificate shared by the CMS and the XMLDSig verifiers: chain to the <see cref="TrustStore"/>
/// (a pinned certificate counts as trusted), validity at an instant, key usage, and the signer identity.
/// </summary>
internal static class CertificateChecks
{
    private static readonly DerObjectIdentifier SnilsOid = new("1.2.643.100.3");
    private static readonly DerObjectIdentifier OgrnOid = new("1.2.643.100.1");
    private static readonly DerObjectIdentifier InnOid = new("1.2.643.3.131.1.1");

    /// <summary>
    /// True when <paramref name="leaf"/> is itself in the store, or is issued (through <paramref name="embedded"/>
    /// intermediates, at most <paramref name="maxChainLength"/>) by a certificate in the store.
    /// </summary>
    public static bool ChainsToTrustedCa(X509Certificate leaf, IReadOnlyList<X509Certificate> embedded, TrustStore trustStore, int maxChainLength) =>
        BuildChain(leaf, embedded, trustStore, maxChainLength) is not null;

    /// <summary>
    /// The chain from <paramref name="leaf"/> to a trusted certificate: leaf first, then intermediates, then the trust anchor
    /// (just the leaf when it is itself pinned in the store); null when there is none.
    /// </summary>
    public static IReadOnlyList<X509Certificate>? BuildChain(X509Certificate leaf, IReadOnlyList<X509Certificate> embedded,
        TrustStore trustStore, int maxChainLength)
    {
        var current = leaf;
        var chain = new List<X509Certificate> { leaf };
        for (var depth = 0; depth <= maxChainLength; depth++)
        {
            if (trustStore.Certificates.Any(anchor => anchor.Equals(current)))
            {
                return chain;
            }

            var issuedBy = current;
            var anchorIssuer = trustStore.Certificates.FirstOrDefault(anchor => anchor.SubjectDN.Equivalent(issuedBy.IssuerDN) && IsSignedBy(issuedBy, anchor));
            if (anchorIssuer is not null)
            {
                chain.Add(anchorIssuer);
                return chain;
            }

            var next = embedded.FirstOrDefault(c => !chain.Contains(c) && c.GetBasicConstraints() >= 0
                && c.SubjectDN.Equivalent(issuedBy.IssuerDN) && IsSignedBy(issuedBy, c));
            if (next is null)
            {
                return null;
            }

            chain.Add(next);
            current = next;
        }

        return null;
    }

    /// <summary>
    /// Adds SIG-017 when a certificate of <paramref name="chain"/> (all but the trust anchor) is listed, with a revocation
    /// date not after <paramref name="at"/>, in a CRL of the store issued by the next certificate of the chain and signed by it.
    /// CRLs whose signature does not verify against that certificate are ignored.
    /// </summary>
    public static void CheckRevocation(IReadOnlyList<X509Certificate> chain, TrustStore trustStore, DateTimeOffset at, List<SignatureProblem> problems)
    {
        if (trustStore.Crls.Count == 0)
        {
            return;
        }

        for (var i = 0; i + 1 < chain.Count; i++)
        {
            var certificate = chain[i];
            var issuer = chain[i + 1];
            foreach (var crl in trustStore.Crls.Where(c => c.IssuerDN.Equivalent(issuer.SubjectDN)))
            {
                var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
                if (entry is null || !IsCrlSignedBy(crl, issuer))
                {
                    continue;
                }

                var revokedAt = new DateTimeOffset(DateTime.SpecifyKind(entry.RevocationDate, DateTimeKind.Utc));
                if (revokedAt <= at)
                {
                    problems.Add(new SignatureProblem(SignatureErrorCodes.CertificateRevoked,
                        SignatureErrorCodes.ToRemdCode(SignatureErrorCodes.CertificateRevoked),
                        i == 0
                            ? $"Сертификат ЭП отозван удостоверяющим центром ({revokedAt:yyyy-MM-dd HH:mm:ss} UTC)"
                            : $"Сертификат промежуточного удостоверяющего центра отозван ({revokedAt:yyyy-MM-dd HH:mm:ss} UTC)"));
                    return;
                }
            }
        }
    }

    /// <summary>True when <paramref name="crl"/> is signed by <paramref name="issuer"/>'s key.</summary>
    public static bool IsCrlSignedBy(X509Crl crl, X509Certificate issuer) =>
        VerifiedSignatureCache.IsCrlSignedBy(crl, issuer, () =>
        {
            try
            {
                crl.Verify(GostKeyFactory.PublicKey(issuer));
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        });

    /// <summary>Adds SIG-006/SIG-007 (once each) when <paramref name="at"/> is outside the certificate's validity.</summary>
    public static void CheckValidity(X509Certificate certificate, DateTimeOffset at, string when, List<SignatureProblem> problems)
    {
        var notBefore = new DateTimeOffset(DateTime.SpecifyKind(certificate.NotBefore, DateTimeKind.Utc));
        var notAfter = new DateTimeOffset(DateTime.SpecifyKind(certificate.NotAfter, DateTimeKind.Utc));
        if (at < notBefore && !problems.Any(p => p.Code == SignatureErrorCodes.CertificateNotYetValid))
        {
            Add(problems, SignatureErrorCodes.CertificateNotYetValid,
                $"Сертификат ЭП ещё не действует {when} (действует с {notBefore:yyyy-MM-dd HH:mm:ss} UTC)");
        }

        if (at > notAfter && !problems.Any(p => p.Code == SignatureErrorCodes.CertificateExpired))
        {
            Add(problems, SignatureErrorCodes.CertificateExpired,
                $"Срок действия сертификата ЭП истёк {when} (действовал по {notAfter:yyyy-MM-dd HH:mm:ss} UTC)");
        }
    }

    /// <summary>Adds SIG-008 when the key usage extension allows neither digitalSignature nor nonRepudiation.</summary>
    public static void CheckKeyUsage(X509Certificate certificate, List<SignatureProblem> problems)
    {
        var keyUsage = certificate.GetKeyUsage();
        if (keyUsage is not null && !(keyUsage.Length > 0 && keyUsage[0]) && !(keyUsage.Length > 1 && keyUsage[1]))
        {
            Add(problems, SignatureErrorCodes.InvalidKeyUsage,
                "Область использования ключа ЭП не содержит digitalSignature или nonRepudiation");
        }
    }

    /// <summary>The signer identity read from the certificate subject.</summary>
    public static SignerIdentity Identify(X509Certificate certificate, string algorithmName)
    {
        string? Attribute(DerObjectIdentifier oid) =>
            certificate.SubjectDN.GetValueList(oid).FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

        var snils = Attribute(SnilsOid) is { } raw && new string(raw.Where(char.IsAsciiDigit).ToArray()) is { Length: 11 } digits
            ? digits
            : null;
        return new SignerIdentity(
            certificate.SubjectDN.ToString(),
            snils,
            Attribute(OgrnOid),
            Attribute(InnOid),
            new DateTimeOffset(DateTime.SpecifyKind(certificate.NotBefore, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(certificate.NotAfter, DateTimeKind.Utc)),
            certificate.SerialNumber.ToString(16).ToUpperInvariant(),
            algorithmName);
    }

    private static bool IsSignedBy(X509Certificate certificate, X509Certificate issuer) =>
        VerifiedSignatureCache.IsCertificateSignedBy(certificate, issuer, () =>
        {
            try
            {
                certificate.Verify(GostKeyFactory.PublicKey(issuer));
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        });

    private static void Add(List<SignatureProblem> problems, string code, string message) =>
        problems.Add(new SignatureProblem(code, SignatureErrorCodes.ToRemdCode(code), message));
}
