using System.Buffers;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using CmsContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// Verifies a CMS (PKCS#7) signature of a document: GOST R 34.10-2012 256/512 (GOST R 34.10-2001 on request),
/// RSA and ECDSA. One signer, its certificate embedded, a chain to the <see cref="TrustStore"/> (through intermediates
/// embedded in the container), validity at the signing time (signingTime attribute, else now) and at the document date,
/// key usage, revocation by the store's CRLs (SIG-017). Every failure is a <see cref="SignatureProblem"/> with a stable code; <see cref="Verify"/> never throws.
/// </summary>
/// <remarks>
/// Detached signatures are checked against the supplied content. An attached (encapsulated) signature is accepted too:
/// the supplied content must then be empty (the encapsulated content is checked) or byte-equal to it, else SIG-004.
/// The signature may be DER or base64 (PEM armour lines are ignored).
/// </remarks>
public sealed class CmsSignatureVerifier
{
    private readonly TrustStore trustStore;
    private readonly CmsVerificationOptions options;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a verifier over <paramref name="trustStore"/>.</summary>
    public CmsSignatureVerifier(TrustStore trustStore, CmsVerificationOptions? options = null, TimeProvider? timeProvider = null)
    {
        this.trustStore = trustStore ?? throw new ArgumentNullException(nameof(trustStore));
        this.options = options ?? new CmsVerificationOptions();
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies <paramref name="signature"/> (DER or base64) over <paramref name="content"/>.</summary>
    /// <param name="content">The signed document bytes exactly as signed (for a detached signature).</param>
    /// <param name="signature">The CMS SignedData, DER or base64.</param>
    /// <param name="documentDate">The document's creation date: the certificate must be valid then too (SIG-006/SIG-007).</param>
    public SignatureVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, DateTimeOffset? documentDate = null)
    {
        var problems = new List<SignatureProblem>();
        SignerIdentity? signer = null;
        try
        {
            signer = VerifyCore(content, signature, documentDate, problems);
        }
        catch (Exception e)
        {
            // Last resort: malformed input must become a problem, never an exception.
            Add(problems, SignatureErrorCodes.Malformed, "Не удалось разобрать подпись: " + e.GetType().Name);
        }

        return new SignatureVerification(problems.Count == 0, signer, problems);
    }

    private SignerIdentity? VerifyCore(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, DateTimeOffset? documentDate,
        List<SignatureProblem> problems)
    {
        if (signature.Length > options.MaxSignatureBytes)
        {
            Add(problems, SignatureErrorCodes.Malformed, $"Подпись больше допустимого размера ({options.MaxSignatureBytes} байт)");
            return null;
        }

        var der = DecodeDerOrBase64(signature);
        if (der is null)
        {
            Add(problems, SignatureErrorCodes.Malformed, "Подпись не является CMS (ни DER, ни base64)");
            return null;
        }

        CmsSignedData cms;
        try
        {
            cms = Parse(der, content, problems);
        }
        catch (Exception e) when (e is IOException or CmsException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            Add(problems, SignatureErrorCodes.Malformed, "Подпись не является корректным контейнером CMS SignedData");
            return null;
        }

        var signers = cms.GetSignerInfos().GetSigners();
        if (signers.Count != 1)
        {
            problems.Add(signers.Count == 0
                ? new SignatureProblem(SignatureErrorCodes.SignerCount, SignatureErrorCodes.RemdNoSignature, "В контейнере нет подписанта")
                : new SignatureProblem(SignatureErrorCodes.SignerCount, SignatureErrorCodes.RemdMultipleSigners,
                    $"В контейнере ЭП указано более одного подписанта ({signers.Count})"));
            return null;
        }

        var signerInfo = signers[0];
        var certificates = cms.GetCertificates();
        var embedded = certificates.EnumerateMatches(null).ToList();
        if (embedded.Count > options.MaxEmbeddedCertificates)
        {
            Add(problems, SignatureErrorCodes.Malformed, $"В контейнере слишком много сертификатов ({embedded.Count})");
            return null;
        }

        var certificate = certificates.EnumerateMatches(signerInfo.SignerID).FirstOrDefault();
        if (certificate is null)
        {
            Add(problems, SignatureErrorCodes.NoEndEntityCertificate, "В ЭП отсутствует сертификат подписанта");
            return null;
        }

        var (family, algorithmName) = SignatureAlgorithms.Describe(certificate.SubjectPublicKeyInfo,
            signerInfo.DigestAlgorithmID.Algorithm.Id, signerInfo.SignatureAlgorithm.Algorithm.Id);
        var identity = CertificateChecks.Identify(certificate, algorithmName);
        if (family is null || (family == SignatureAlgorithmFamily.Gost2001 && !options.AllowLegacyGost2001)
            || (family is SignatureAlgorithmFamily.Rsa or SignatureAlgorithmFamily.Ecdsa && !options.AllowRsaAndEcdsa))
        {
            Add(problems, SignatureErrorCodes.AlgorithmNotAllowed, "Алгоритм подписи не допускается: " + algorithmName);
            return identity;
        }

        AsymmetricKeyParameter publicKey;
        try
        {
            publicKey = GostKeyFactory.PublicKey(certificate);
        }
        catch (Exception)
        {
            Add(problems, SignatureErrorCodes.AlgorithmNotAllowed, "Неподдерживаемые параметры ключа: " + algorithmName);
            return identity;
        }

        CheckSignatureValue(signerInfo, publicKey, problems);
        var chain = CertificateChecks.BuildChain(certificate, embedded, trustStore, options.MaxChainLength);
        if (chain is null)
        {
            Add(problems, SignatureErrorCodes.UntrustedChain,
                "Не удалось построить цепочку сертификатов до доверенного удостоверяющего центра");
        }
        else
        {
            CertificateChecks.CheckRevocation(chain, trustStore, timeProvider.GetUtcNow(), problems);
        }

        var signingTime = SigningTime(signerInfo);
        CertificateChecks.CheckValidity(certificate, signingTime ?? timeProvider.GetUtcNow(),
            signingTime is null ? "на момент проверки" : "на время подписания", problems);
        if (documentDate is { } date)
        {
            CertificateChecks.CheckValidity(certificate, date, "на дату создания документа", problems);
        }

        CertificateChecks.CheckKeyUsage(certificate, problems);

        return identity;
    }

    private static CmsSignedData Parse(byte[] der, ReadOnlySpan<byte> content, List<SignatureProblem> problems)
    {
        // FromByteArray rejects trailing data after the structure.
        var asn1 = Asn1Object.FromByteArray(der);
        var contentInfo = CmsContentInfo.GetInstance(asn1);
        if (!PkcsObjectIdentifiers.SignedData.Equals(contentInfo.ContentType))
        {
            throw new CmsException("not SignedData");
        }

        var signedData = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(contentInfo.Content);
        if (signedData.EncapContentInfo.Content is Asn1OctetString encapsulated)
        {
            if (!content.IsEmpty && !content.SequenceEqual(encapsulated.GetOctets()))
            {
                Add(problems, SignatureErrorCodes.SignatureMismatch, "Документ не совпадает с содержимым, вложенным в подпись");
            }

            return new CmsSignedData(contentInfo);
        }

        return new CmsSignedData(new CmsProcessableByteArray(content.ToArray()), contentInfo);
    }

    private static void CheckSignatureValue(SignerInformation signerInfo, AsymmetricKeyParameter publicKey, List<SignatureProblem> problems)
    {
        bool valid;
        try
        {
            valid = signerInfo.Verify(publicKey);
        }
        catch (SecurityUtilityException)
        {
            Add(problems, SignatureErrorCodes.AlgorithmNotAllowed, "Алгоритм подписи не поддерживается");
            return;
        }
        catch (Exception)
        {
            valid = false;
        }

        if (!valid)
        {
            Add(problems, SignatureErrorCodes.SignatureMismatch, "Подпись не верна: документ или подпись изменены");
        }
    }

    private static DateTimeOffset? SigningTime(SignerInformation signerInfo)
    {
        var attribute = signerInfo.SignedAttributes?[CmsAttributes.SigningTime];
        if (attribute is null || attribute.AttrValues.Count != 1)
        {
            return null;
        }

        var time = Time.GetInstance(attribute.AttrValues[0]).ToDateTime();
        return new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc));
    }

    private static byte[]? DecodeDerOrBase64(ReadOnlySpan<byte> signature)
    {
        if (signature.IsEmpty)
        {
            return null;
        }

        if (signature[0] == 0x30)
        {
            return signature.ToArray();
        }

        // Base64, one pass over the bytes: lines (split at LF) that start with "-----" after leading white space are PEM
        // armour and skipped, white space is dropped, anything else must be base64 of a DER SEQUENCE. Its first byte 0x30
        // is always base64 'M', so input that starts otherwise (garbage) is refused at once, without decoding it.
        var chars = ArrayPool<char>.Shared.Rent(signature.Length);
        try
        {
            var count = 0;
            var rest = signature;
            while (true)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                if (!IsArmourLine(line))
                {
                    foreach (var b in line)
                    {
                        if (IsAsciiWhiteSpace(b))
                        {
                            continue;
                        }

                        if (b >= 0x80 || (count == 0 && b != (byte)'M'))
                        {
                            return null;
                        }

                        chars[count++] = (char)b;
                    }
                }

                if (end < 0)
                {
                    break;
                }

                rest = rest[(end + 1)..];
            }

            var buffer = ArrayPool<byte>.Shared.Rent((count * 3 / 4) + 3);
            try
            {
                return Convert.TryFromBase64Chars(chars.AsSpan(0, count), buffer, out var written) && written > 0 && buffer[0] == 0x30
                    ? buffer[..written]
                    : null;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static bool IsArmourLine(ReadOnlySpan<byte> line)
    {
        var start = 0;
        while (start < line.Length && IsAsciiWhiteSpace(line[start]))
        {
            start++;
        }

        return line[start..].StartsWith("-----"u8);
    }

    /// <summary>The ASCII characters <see cref="char.IsWhiteSpace(char)"/> accepts: TAB, LF, VT, FF, CR and space.</summary>
    private static bool IsAsciiWhiteSpace(byte b) => b is (>= 0x09 and <= 0x0D) or 0x20;

    private static void Add(List<SignatureProblem> problems, string code, string message) =>
        problems.Add(new SignatureProblem(code, SignatureErrorCodes.ToRemdCode(code), message));
}
