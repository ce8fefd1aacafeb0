using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using EgiszBus.Adapters.Signatures;
using BcX509CertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace EgiszBus.Host.Bench;

/// <summary>
/// Detached CMS verification over the same ~20 KB content: RSA-2048/SHA-256 with .NET's own
/// <see cref="SignedCms.CheckSignature(bool)"/> (signature only) as the baseline, GOST R 34.10-2012 256 with our
/// <see cref="CmsSignatureVerifier"/>, and our verifier on the RSA signature too. Our verifier does the whole check
/// (parse, signature, chain to the trust store, validity, key usage), the baseline only the signature.
/// The GOST key and certificates come from <see cref="PkiFolder"/> (<c>Samples/Pki</c>: the doctor's key, the test CA);
/// the RSA key and certificate are made by .NET at setup. <see cref="MemoryDiagnoserAttribute"/> adds the bytes allocated
/// per verification (the verifier's caches make a repeated signer cheap: see <c>PublicKeyCache</c> in the Signatures adapter).
/// </summary>
[MemoryDiagnoser]
public class SignatureBenchmarks
{
    private byte[] content = [];
    private byte[] rsaSignature = [];
    private byte[] gostSignature = [];
    private CmsSignatureVerifier gostVerifier = null!;
    private CmsSignatureVerifier rsaVerifier = null!;

    /// <summary>
    /// The folder with <c>ca.pem</c> and <c>doctors/23456789099.pem</c> + <c>.key.pem</c>; set before the run
    /// (the in-process toolchain shares this process), else found by walking up from the current folder to <c>Samples/Pki</c>.
    /// </summary>
    public static string? PkiFolder { get; set; }

    /// <summary>The size of the signed content.</summary>
    public const int ContentBytes = 20 * 1024;

    /// <summary>Makes the content, the keys and both signatures, and checks that every benchmark verifies them as valid.</summary>
    [GlobalSetup]
    public void Setup()
    {
        content = new byte[ContentBytes];
        var random = new Random(20240901);
        for (var i = 0; i < content.Length; i++)
        {
            content[i] = (byte)random.Next(0x20, 0x7F);
        }

        var pki = PkiFolder ?? FindPkiFolder() ?? throw new InvalidOperationException("Samples/Pki not found: set SignatureBenchmarks.PkiFolder (--pki)");
        var gostSigner = CmsDocumentSigner.FromPemFiles(Path.Combine(pki, "doctors", "23456789099.pem"), Path.Combine(pki, "doctors", "23456789099.key.pem"));
        gostSignature = gostSigner.SignDetached(content);
        gostVerifier = new CmsSignatureVerifier(TrustStore.Load(Path.Combine(pki, "ca.pem")));

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=EgiszBus benchmark RSA-2048", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            IncludeOption = X509IncludeOption.EndCertOnly,
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
        });
        rsaSignature = cms.Encode();
        rsaVerifier = new CmsSignatureVerifier(TrustStore.FromCertificates([new BcX509CertificateParser().ReadCertificate(certificate.RawData)]));

        if (!RsaSignedCms() || !GostCmsSignatureVerifier() || !RsaCmsSignatureVerifier())
        {
            throw new InvalidOperationException("A benchmark signature does not verify");
        }
    }

    /// <summary>Baseline: RSA-2048 detached CMS, .NET <see cref="SignedCms"/> decode + CheckSignature(verifySignatureOnly: true).</summary>
    [Benchmark(Baseline = true, Description = "RSA-2048 SignedCms.CheckSignature")]
    public bool RsaSignedCms()
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        cms.Decode(rsaSignature);
        cms.CheckSignature(verifySignatureOnly: true);
        return true;
    }

    /// <summary>GOST R 34.10-2012 256 detached CMS with our verifier (full check).</summary>
    [Benchmark(Description = "GOST 2012-256 CmsSignatureVerifier")]
    public bool GostCmsSignatureVerifier() => gostVerifier.Verify(content, gostSignature).IsValid;

    /// <summary>RSA-2048 detached CMS with our verifier (full check).</summary>
    [Benchmark(Description = "RSA-2048 CmsSignatureVerifier")]
    public bool RsaCmsSignatureVerifier() => rsaVerifier.Verify(content, rsaSignature).IsValid;

    private static string? FindPkiFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "Samples", "Pki");
                if (File.Exists(Path.Combine(candidate, "ca.pem")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
