using System.Security.Cryptography;
using System.Xml;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>
/// Verifies an XMLDSig signature, written by hand for full control (no <c>SignedXml</c>): (a) an enveloped signature over
/// the whole document (a <c>ds:Signature</c> child of the root, <c>Reference URI=""</c>) or (b) WS-Security in a SOAP 1.1/1.2
/// envelope (<c>wsse:Security/ds:Signature</c>, one Reference <c>#id</c> to the Body, certificate in a
/// <c>wsse:BinarySecurityToken</c> or in <c>X509Data</c>). A SOAP envelope root selects (b), any other root (a).
/// GOST R 34.10-2012 256/512 (both URI spellings), GOST R 34.10-2001 on request, RSA/ECDSA-SHA256; exclusive and
/// inclusive C14N. The key comes only from the embedded certificate, which must chain to (or be pinned in) the
/// <see cref="TrustStore"/>. Every failure is a <see cref="SignatureProblem"/> with a stable code; never throws on input.
/// </summary>
/// <remarks>
/// GOST signature values are checked as transmitted (CryptoPro's s‖r layout is what BouncyCastle's GOST signers use);
/// GOST digests are compared as output by the hash, without byte reversal. A document re-formatted after signing
/// is refused (SIG-015), never normalised.
/// </remarks>
public sealed class XmlSignatureVerifier
{
    private readonly TrustStore trustStore;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates a verifier over <paramref name="trustStore"/>; <paramref name="timeProvider"/> gives the validation time.</summary>
    public XmlSignatureVerifier(TrustStore trustStore, TimeProvider? timeProvider = null)
    {
        this.trustStore = trustStore ?? throw new ArgumentNullException(nameof(trustStore));
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Verifies the one signature of <paramref name="xml"/>.</summary>
    public XmlSignatureVerification Verify(byte[] xml, XmlVerificationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var run = new Run(options ?? new XmlVerificationOptions());
        try
        {
            VerifyCore(xml, run);
        }
        catch (XmlException e)
        {
            run.Add(SignatureErrorCodes.XmlMalformed,
                $"XML некорректен или запрещён (DTD, сущности, размер, глубина): {Describe(e)}");
        }
        catch (Exception e)
        {
            // Last resort: hostile input must become a problem, never an exception.
            run.Add(SignatureErrorCodes.XmlMalformed, "Не удалось разобрать подпись XML: " + e.GetType().Name);
        }

        return new XmlSignatureVerification(run.Problems.Count == 0, run.Signer, run.Problems, run.SignedElementId);
    }

    private void VerifyCore(byte[] xml, Run run)
    {
        var document = SafeXml.Load(xml, run.Options.MaxDocumentBytes, run.Options.MaxDepth);
        var root = document.DocumentElement ?? throw new XmlException("no root element");
        var soap = XmlDsigNames.IsSoap(root.NamespaceURI) && root.LocalName == "Envelope";
        XmlElement? body = null;
        List<XmlElement> candidates;
        if (soap)
        {
            var bodies = Children(root, root.NamespaceURI, "Body").ToList();
            var headers = Children(root, root.NamespaceURI, "Header").ToList();
            if (bodies.Count != 1 || headers.Count > 1)
            {
                run.Add(SignatureErrorCodes.XmlReferenceNotAllowed,
                    $"SOAP-конверт должен содержать один Body и не более одного Header (Body: {bodies.Count}, Header: {headers.Count})");
                return;
            }

            body = bodies[0];
            candidates = headers.SelectMany(h => Children(h, XmlDsigNames.Wsse, "Security"))
                .SelectMany(s => Children(s, XmlDsigNames.Ds, "Signature")).ToList();
        }
        else
        {
            candidates = Children(root, XmlDsigNames.Ds, "Signature").ToList();
        }

        if (candidates.Count == 0)
        {
            var elsewhere = document.GetElementsByTagName("Signature", XmlDsigNames.Ds).Count;
            run.Add(SignatureErrorCodes.XmlSignatureMissing, (soap
                ? "В заголовке wsse:Security нет ds:Signature"
                : "У корневого элемента нет дочернего ds:Signature") + (elsewhere > 0 ? $" (ds:Signature в другом месте: {elsewhere})" : string.Empty));
            return;
        }

        if (candidates.Count > 1)
        {
            run.Add(SignatureErrorCodes.XmlSignatureMultiple, $"Ожидалась одна подпись ds:Signature, найдено {candidates.Count}");
            return;
        }

        var ids = CollectIds(document);
        var duplicates = ids.Where(pair => pair.Value.Count > 1).Select(pair => pair.Key).ToList();
        if (duplicates.Count > 0)
        {
            run.Add(SignatureErrorCodes.XmlDuplicateId,
                $"Значение идентификатора (Id) встречается у нескольких элементов ({duplicates.Count}): подмена подписанного элемента");
            return;
        }

        VerifySignature(candidates[0], root, body, ids, run);
    }

    private void VerifySignature(XmlElement signature, XmlElement root, XmlElement? body, Dictionary<string, List<XmlElement>> ids, Run run)
    {
        var parts = DsChildren(signature);
        if (parts.Count < 2 || parts[0].LocalName != "SignedInfo" || parts[1].LocalName != "SignatureValue"
            || parts.Skip(2).Any(p => p.LocalName == "SignedInfo" || p.LocalName == "SignatureValue"))
        {
            run.Add(SignatureErrorCodes.XmlMalformed, "ds:Signature должен начинаться с SignedInfo и SignatureValue");
            return;
        }

        var signedInfo = parts[0];
        var info = DsChildren(signedInfo);
        if (info.Count < 3 || info[0].LocalName != "CanonicalizationMethod" || info[1].LocalName != "SignatureMethod"
            || info.Skip(2).Any(e => e.LocalName != "Reference"))
        {
            run.Add(SignatureErrorCodes.XmlMalformed, "SignedInfo должен содержать CanonicalizationMethod, SignatureMethod и Reference");
            return;
        }

        var references = info.Skip(2).ToList();
        if (references.Count != 1)
        {
            run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, $"Ожидалась одна ссылка Reference, найдено {references.Count}");
            return;
        }

        var reference = references[0];
        var target = ResolveTarget(reference, root, body, ids, run);
        if (target is null)
        {
            return;
        }

        var transforms = ReadTransforms(reference, run);
        if (transforms is null)
        {
            return;
        }

        var canonicalization = info[0].GetAttribute("Algorithm");
        var method = XmlDsigAlgorithms.Signature(info[1].GetAttribute("Algorithm"));
        var referenceParts = DsChildren(reference).Where(e => e.LocalName != "Transforms").ToList();
        if (referenceParts.Count != 2 || referenceParts[0].LocalName != "DigestMethod" || referenceParts[1].LocalName != "DigestValue")
        {
            run.Add(SignatureErrorCodes.XmlMalformed, "Reference должен содержать DigestMethod и DigestValue");
            return;
        }

        var digest = XmlDsigAlgorithms.Digest(referenceParts[0].GetAttribute("Algorithm"), out var legacyDigest, out var sha1Digest);
        if (!XmlDsigNames.IsCanonicalization(canonicalization))
        {
            run.Add(SignatureErrorCodes.AlgorithmNotAllowed, "Метод канонизации SignedInfo не допускается: " + Short(canonicalization));
        }

        if (method is null || !Allowed(method, run.Options))
        {
            run.Add(SignatureErrorCodes.AlgorithmNotAllowed, "Алгоритм подписи не допускается: " + Short(info[1].GetAttribute("Algorithm")));
        }

        if (digest is null || (legacyDigest && !run.Options.AllowLegacyGost2001) || (sha1Digest && !run.Options.AllowSha1))
        {
            run.Add(SignatureErrorCodes.AlgorithmNotAllowed, "Алгоритм хэширования не допускается: " + Short(referenceParts[0].GetAttribute("Algorithm")));
        }

        if (run.Problems.Count > 0)
        {
            return;
        }

        var (certificate, extra) = FindCertificates(parts.Skip(2).FirstOrDefault(p => p.LocalName == "KeyInfo"), ids, run);
        if (certificate is null)
        {
            return;
        }

        run.Signer = CertificateChecks.Identify(certificate, method!.DisplayName);
        if (!XmlDsigAlgorithms.KeyFits(method.Family, certificate.SubjectPublicKeyInfo.Algorithm.Algorithm.Id))
        {
            run.Add(SignatureErrorCodes.AlgorithmNotAllowed, "Ключ сертификата не соответствует алгоритму подписи " + method.DisplayName);
            return;
        }

        // The Reference: digest of the canonical form of the target (the enveloped signature taken out).
        var (c14n, prefixList, _) = transforms.Value;
        var exclude = transforms.Value.Enveloped && IsDescendantOrSelf(signature, target.Element) ? signature : null;
        var canonical = target.WholeDocument
            ? XmlCanonicalizer.Document(root.OwnerDocument, c14n, false, prefixList, exclude)
            : XmlCanonicalizer.Element(target.Element, c14n, false, prefixList, exclude);
        var computed = Hash(digest!, canonical);
        var expected = Base64(referenceParts[1].InnerText);
        if (expected is null || !CryptographicOperations.FixedTimeEquals(computed, expected))
        {
            run.Add(SignatureErrorCodes.XmlDigestMismatch,
                "Хэш подписанного содержимого не совпадает с DigestValue: подписанное содержимое или его каноническая форма "
                + "изменились после подписания (в том числе переформатирование XML: пробелы и переводы строк между элементами)");
        }

        // The signature over SignedInfo.
        var signedInfoPrefixes = InclusivePrefixes(info[0]);
        var signedInfoBytes = XmlCanonicalizer.Element(signedInfo, canonicalization,
            canonicalization.EndsWith("WithComments", StringComparison.Ordinal), signedInfoPrefixes, null);
        var value = Base64(parts[1].InnerText);
        if (value is null || !CheckSignatureValue(method, certificate, signedInfoBytes, value))
        {
            run.Add(SignatureErrorCodes.SignatureMismatch,
                "Значение подписи (SignatureValue) не верно: SignedInfo или подпись изменены после подписания");
        }

        var chain = CertificateChecks.BuildChain(certificate, extra, trustStore, run.Options.MaxChainLength);
        if (chain is null)
        {
            run.Add(SignatureErrorCodes.UntrustedChain,
                "Сертификат подписи не доверен: нет цепочки до доверенного удостоверяющего центра и он не закреплён в хранилище доверия");
        }
        else
        {
            CertificateChecks.CheckRevocation(chain, trustStore, timeProvider.GetUtcNow(), run.Problems);
        }

        CertificateChecks.CheckValidity(certificate, timeProvider.GetUtcNow(), "на момент проверки", run.Problems);
        if (run.Options.DocumentDate is { } date)
        {
            CertificateChecks.CheckValidity(certificate, date, "на дату создания документа", run.Problems);
        }

        CertificateChecks.CheckKeyUsage(certificate, run.Problems);
    }

    private static Target? ResolveTarget(XmlElement reference, XmlElement root, XmlElement? body,
        Dictionary<string, List<XmlElement>> ids, Run run)
    {
        if (!reference.HasAttribute("URI"))
        {
            run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, "Reference без атрибута URI не допускается");
            return null;
        }

        var uri = reference.GetAttribute("URI");
        if (uri.Length == 0)
        {
            if (body is not null)
            {
                run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, "В SOAP-конверте подписываться должен Body (ссылка #Id), а не весь документ");
                return null;
            }

            run.SignedElementId = string.Empty;
            return new Target(root, WholeDocument: true);
        }

        if (uri[0] != '#' || uri.Length == 1 || uri.StartsWith("#xpointer(", StringComparison.Ordinal))
        {
            run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, "Допускаются только ссылки URI=\"\" и URI=\"#Id\"");
            return null;
        }

        var id = uri[1..];
        if (!ids.TryGetValue(id, out var found))
        {
            run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, "Reference ссылается на отсутствующий элемент");
            return null;
        }

        var element = found[0];
        var expected = body ?? root;
        if (!ReferenceEquals(element, expected))
        {
            run.Add(SignatureErrorCodes.XmlReferenceNotAllowed, body is not null
                ? $"Reference указывает не на SOAP Body конверта, а на элемент {element.LocalName} (перенос или подмена подписанного элемента)"
                : $"Reference указывает не на корневой элемент документа, а на {element.LocalName}");
            return null;
        }

        run.SignedElementId = id;
        return new Target(element, WholeDocument: false);
    }

    private static (string C14n, string? PrefixList, bool Enveloped)? ReadTransforms(XmlElement reference, Run run)
    {
        var containers = DsChildren(reference).Where(e => e.LocalName == "Transforms").ToList();
        if (containers.Count > 1)
        {
            run.Add(SignatureErrorCodes.XmlMalformed, "В Reference несколько элементов Transforms");
            return null;
        }

        var enveloped = false;
        string? c14n = null;
        string? prefixList = null;
        foreach (var transform in containers.SelectMany(DsChildren))
        {
            var algorithm = transform.GetAttribute("Algorithm");
            if (transform.LocalName != "Transform" || c14n is not null
                || (algorithm == XmlDsigNames.EnvelopedSignature && enveloped)
                || (algorithm != XmlDsigNames.EnvelopedSignature && !XmlDsigNames.IsCanonicalization(algorithm)))
            {
                run.Add(SignatureErrorCodes.XmlTransformNotAllowed,
                    "Преобразование не допускается (разрешены enveloped-signature, затем одна канонизация c14n/exc-c14n): " + Short(algorithm));
                return null;
            }

            if (algorithm == XmlDsigNames.EnvelopedSignature)
            {
                enveloped = true;
            }
            else
            {
                c14n = algorithm;
                prefixList = InclusivePrefixes(transform);
            }
        }

        // Without an explicit canonicalization the node-set is serialised with inclusive C14N 1.0 (XMLDSig 4.3.3.2).
        return (c14n ?? XmlDsigNames.C14n, prefixList, enveloped);
    }

    private (X509Certificate? Certificate, List<X509Certificate> Extra) FindCertificates(XmlElement? keyInfo,
        Dictionary<string, List<XmlElement>> ids, Run run)
    {
        var encoded = new List<string>();
        if (keyInfo is not null)
        {
            foreach (var x509Data in Children(keyInfo, XmlDsigNames.Ds, "X509Data"))
            {
                encoded.AddRange(Children(x509Data, XmlDsigNames.Ds, "X509Certificate").Select(e => e.InnerText));
            }

            foreach (var tokenReference in Children(keyInfo, XmlDsigNames.Wsse, "SecurityTokenReference"))
            {
                foreach (var pointer in Children(tokenReference, XmlDsigNames.Wsse, "Reference"))
                {
                    var uri = pointer.GetAttribute("URI");
                    if (uri.StartsWith('#') && ids.TryGetValue(uri[1..], out var tokens)
                        && tokens[0] is { LocalName: "BinarySecurityToken", NamespaceURI: XmlDsigNames.Wsse } token)
                    {
                        encoded.Add(token.InnerText);
                    }
                }
            }
        }

        if (encoded.Count == 0)
        {
            run.Add(SignatureErrorCodes.NoEndEntityCertificate, "В подписи отсутствует сертификат подписанта (X509Certificate или BinarySecurityToken)");
            return (null, []);
        }

        if (encoded.Count > run.Options.MaxCertificates)
        {
            run.Add(SignatureErrorCodes.XmlMalformed, $"В подписи слишком много сертификатов ({encoded.Count})");
            return (null, []);
        }

        var certificates = new List<X509Certificate>();
        foreach (var text in encoded)
        {
            var der = Base64(text);
            X509Certificate? certificate = null;
            try
            {
                certificate = der is null ? null : new X509CertificateParser().ReadCertificate(der);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                certificate = null;
            }

            if (certificate is null)
            {
                run.Add(SignatureErrorCodes.XmlMalformed, "Сертификат в подписи не читается (ожидался X.509 в base64)");
                return (null, []);
            }

            certificates.Add(certificate);
        }

        return (certificates[0], certificates.Skip(1).ToList());
    }

    private static bool CheckSignatureValue(XmlDsigAlgorithms.SignatureMethod method, X509Certificate certificate, byte[] signedInfo, byte[] value)
    {
        try
        {
            AsymmetricKeyParameter key = GostKeyFactory.PublicKey(certificate);
            var signer = SignerUtilities.GetSigner(method.BouncyCastleName);
            signer.Init(false, key);
            signer.BlockUpdate(signedInfo, 0, signedInfo.Length);
            return signer.VerifySignature(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static bool Allowed(XmlDsigAlgorithms.SignatureMethod method, XmlVerificationOptions options) =>
        (!method.IsSha1 || options.AllowSha1)
        && (method.Family != SignatureAlgorithmFamily.Gost2001 || options.AllowLegacyGost2001)
        && (method.Family is not (SignatureAlgorithmFamily.Rsa or SignatureAlgorithmFamily.Ecdsa) || options.AllowRsaAndEcdsa);

    private static Dictionary<string, List<XmlElement>> CollectIds(XmlDocument document)
    {
        var ids = new Dictionary<string, List<XmlElement>>(StringComparer.Ordinal);
        foreach (XmlElement element in document.GetElementsByTagName("*"))
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                var isId = attribute.NamespaceURI.Length == 0
                    ? attribute.LocalName is "Id" or "ID" or "id"
                    : (attribute.NamespaceURI == XmlDsigNames.Wsu && attribute.LocalName == "Id")
                      || (attribute.NamespaceURI == XmlDsigNames.XmlNamespace && attribute.LocalName == "id");
                if (!isId)
                {
                    continue;
                }

                if (!ids.TryGetValue(attribute.Value, out var list))
                {
                    ids[attribute.Value] = list = [];
                }

                if (!list.Contains(element))
                {
                    list.Add(element);
                }
            }
        }

        return ids;
    }

    private static string? InclusivePrefixes(XmlElement method)
    {
        var inclusive = method.ChildNodes.OfType<XmlElement>()
            .FirstOrDefault(e => e.LocalName == "InclusiveNamespaces" && e.NamespaceURI == XmlDsigNames.ExcC14nNs);
        return inclusive?.GetAttribute("PrefixList");
    }

    private static byte[] Hash(IDigest digest, byte[] data)
    {
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    private static byte[]? Base64(string text)
    {
        var compact = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var buffer = new byte[(compact.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(compact, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }

    private static bool IsDescendantOrSelf(XmlNode node, XmlNode ancestor)
    {
        for (var current = node; current is not null; current = current.ParentNode)
        {
            if (ReferenceEquals(current, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<XmlElement> Children(XmlElement parent, string namespaceUri, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == namespaceUri);

    private static List<XmlElement> DsChildren(XmlElement parent) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.NamespaceURI == XmlDsigNames.Ds).ToList();

    private static string Short(string algorithm) => algorithm.Length > 200 ? algorithm[..200] : algorithm;

    private static string Describe(XmlException e) =>
        e.LineNumber > 0 ? $"строка {e.LineNumber}, позиция {e.LinePosition}" : e.Message; // our own limit messages carry no data

    private sealed record Target(XmlElement Element, bool WholeDocument);

    private sealed class Run(XmlVerificationOptions options)
    {
        public XmlVerificationOptions Options { get; } = options;

        public List<SignatureProblem> Problems { get; } = [];

        public SignerIdentity? Signer { get; set; }

        public string? SignedElementId { get; set; }

        public void Add(string code, string message) =>
            Problems.Add(new SignatureProblem(code, SignatureErrorCodes.ToRemdCode(code), message));
    }
}
