using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Signatures.Tests;

/// <summary>
/// Keys and certificates made by OpenSSL (GOST engine) in a temporary folder for one test class: a trusted GOST root,
/// an intermediate under it, a trusted RSA root, a foreign (untrusted) GOST root, and a signer factory.
/// </summary>
internal sealed class TestPki : IDisposable
{
    public static readonly DateTimeOffset ValidFrom = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ValidTo = new(2035, 12, 31, 23, 59, 59, TimeSpan.Zero);
    public const string DoctorSubject = "/C=RU/O=ГБУЗ «Городская поликлиника № 1»/SN=Сидорова/GN=Анна Викторовна/CN=Сидорова Анна Викторовна/1.2.643.100.3=23456789099";

    private int counter;

    private TestPki(OpenSslGost ssl)
    {
        Ssl = ssl;
        var caFrom = new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var caTo = new DateTimeOffset(2045, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rootKey = Ssl.GenerateKey("root", "gost2012_256", "A");
        Root = new Issued(Ssl.CreateRootCertificate("root", rootKey, "/C=RU/O=EgiszBus/CN=Тестовый УЦ EgiszBus", caFrom, caTo), rootKey);
        var intermediateKey = Ssl.GenerateKey("intermediate", "gost2012_256", "A");
        Intermediate = new Issued(Ssl.IssueCertificate("intermediate", intermediateKey, "/C=RU/CN=Промежуточный УЦ EgiszBus",
            Root.Certificate, Root.Key, caFrom, caTo, extensions: OpenSslGost.CaExtensions), intermediateKey);
        var rsaKey = Ssl.GenerateKey("rsa-root", "RSA", "2048");
        RsaRoot = new Issued(Ssl.CreateRootCertificate("rsa-root", rsaKey, "/C=RU/CN=Test RSA root", caFrom, caTo, "sha256"), rsaKey);
        var foreignKey = Ssl.GenerateKey("foreign-root", "gost2012_256", "A");
        ForeignRoot = new Issued(Ssl.CreateRootCertificate("foreign-root", foreignKey, "/C=RU/CN=Чужой УЦ", caFrom, caTo), foreignKey);

        TrustFolder = Ssl.PathOf("trusted");
        Directory.CreateDirectory(TrustFolder);
        File.Copy(Root.Certificate, Path.Combine(TrustFolder, "root.pem"));
        File.Copy(RsaRoot.Certificate, Path.Combine(TrustFolder, "rsa-root.pem"));

        ContentPath = Path.Combine(RepositoryPaths.SharedData, "samples", "consultation.xml");
        Content = File.ReadAllBytes(ContentPath);
    }

    public OpenSslGost Ssl { get; }

    public Issued Root { get; }

    public Issued Intermediate { get; }

    public Issued RsaRoot { get; }

    public Issued ForeignRoot { get; }

    /// <summary>A folder with the trusted roots (GOST and RSA), not the foreign one.</summary>
    public string TrustFolder { get; }

    /// <summary>A real SEMD sample used as the signed content.</summary>
    public string ContentPath { get; }

    public byte[] Content { get; }

    public static TestPki Create()
    {
        var ssl = OpenSslGost.Create();
        try
        {
            return new TestPki(ssl);
        }
        catch
        {
            ssl.Dispose();
            throw;
        }
    }

    public CmsSignatureVerifier Verifier(CmsVerificationOptions? options = null, TimeProvider? time = null) =>
        new(TrustStore.Load(TrustFolder), options, time);

    /// <summary>Makes a key and a certificate for it.</summary>
    public Issued Signer(string algorithm = "gost2012_256", string parameter = "A", Issued? issuer = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string extensions = OpenSslGost.SignerExtensions,
        string subject = DoctorSubject)
    {
        var name = $"signer-{Interlocked.Increment(ref counter)}";
        var key = Ssl.GenerateKey(name, algorithm, parameter);
        var ca = issuer ?? Root;
        var digest = ca == RsaRoot ? "sha256" : "md_gost12_256";
        var certificate = Ssl.IssueCertificate(name, key, subject, ca.Certificate, ca.Key, notBefore ?? ValidFrom,
            notAfter ?? ValidTo, digest, extensions);
        return new Issued(certificate, key);
    }

    /// <summary>Signs <see cref="Content"/> with OpenSSL and returns the DER bytes.</summary>
    public byte[] OpenSslSign(Issued signer, string digest = "md_gost12_256", params string[] extra) =>
        File.ReadAllBytes(Ssl.SignDetached(ContentPath, signer.Certificate, signer.Key, digest, extra));

    public void Dispose() => Ssl.Dispose();

    /// <summary>A certificate file and its key file.</summary>
    public sealed record Issued(string Certificate, string Key);
}
