using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// The trusted CA certificates (trust anchors) that signer certificates must chain to. Loaded from PEM or DER files
/// (a PEM file may hold several certificates) or from folders of them (<c>*.pem</c>, <c>*.crt</c>, <c>*.cer</c>, <c>*.der</c>, top level only).
/// Optionally carries certificate revocation lists (<see cref="Crls"/>): a signer or intermediate certificate listed in a CRL
/// of its issuer, whose signature verifies against that issuer, gives SIG-017.
/// </summary>
/// <remarks>
/// A CRL whose issuer is a trusted certificate of this store must verify against it, else loading is refused
/// (<see cref="TrustStoreException"/>): a forged or corrupted CRL is a configuration error, never silently used.
/// A CRL of another issuer (e.g. an intermediate CA known only from signature containers) is kept and checked at
/// verification time against the issuing certificate of the chain; a CRL that does not verify there is ignored.
/// An outdated CRL (nextUpdate in the past) is still used: what it lists stays revoked.
/// </remarks>
public sealed class TrustStore
{
    private static readonly string[] FolderPatterns = ["*.pem", "*.crt", "*.cer", "*.der"];
    private const long MaxFileBytes = 16 * 1024 * 1024;

    private TrustStore(IReadOnlyList<X509Certificate> certificates, IReadOnlyList<X509Crl>? crls = null)
    {
        Certificates = certificates;
        Crls = crls ?? [];
    }

    /// <summary>The trusted certificates, in load order, without duplicates.</summary>
    public IReadOnlyList<X509Certificate> Certificates { get; }

    /// <summary>The certificate revocation lists, in load order, without duplicates; empty when none were given.</summary>
    public IReadOnlyList<X509Crl> Crls { get; }

    /// <summary>A store over certificates already in memory.</summary>
    public static TrustStore FromCertificates(IEnumerable<X509Certificate> certificates) =>
        new(certificates.DistinctBy(c => Convert.ToHexString(c.GetEncoded())).ToList());

    /// <summary>Loads every file, and every certificate file of every folder, in <paramref name="paths"/>.</summary>
    /// <exception cref="TrustStoreException">A path does not exist, or a file holds no readable certificate.</exception>
    public static TrustStore Load(IEnumerable<string> paths)
    {
        var certificates = new List<X509Certificate>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = FolderPatterns
                    .SelectMany(pattern => Directory.EnumerateFiles(path, pattern))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    certificates.AddRange(ReadFile(file));
                }
            }
            else if (File.Exists(path))
            {
                certificates.AddRange(ReadFile(path));
            }
            else
            {
                throw new TrustStoreException(path, "Trust store path not found");
            }
        }

        return FromCertificates(certificates);
    }

    /// <summary>Loads the given files or folders.</summary>
    public static TrustStore Load(params string[] paths) => Load((IEnumerable<string>)paths);

    /// <summary>
    /// Loads the certificates of <paramref name="paths"/> (as <see cref="Load(IEnumerable{string})"/>) and the CRL files
    /// (PEM or DER, a PEM file may hold several) of <paramref name="crlPaths"/>.
    /// </summary>
    /// <exception cref="TrustStoreException">
    /// A path does not exist, a file holds no readable certificate or CRL, or a CRL issued by a trusted certificate
    /// does not verify against it.
    /// </exception>
    public static TrustStore Load(IEnumerable<string> paths, IEnumerable<string> crlPaths)
    {
        var store = Load(paths);
        var crls = new List<X509Crl>();
        foreach (var path in crlPaths)
        {
            if (!File.Exists(path))
            {
                throw new TrustStoreException(path, "CRL file not found");
            }

            var read = ReadCrlFile(path);
            foreach (var crl in read)
            {
                if (!store.IssuerAccepts(crl))
                {
                    throw new TrustStoreException(path, "CRL signature does not verify against its trusted issuer");
                }
            }

            crls.AddRange(read);
        }

        return store.WithCrls(crls);
    }

    /// <summary>
    /// A store with the same certificates and <paramref name="crls"/> added (duplicates dropped).
    /// </summary>
    /// <exception cref="TrustStoreException">A CRL issued by a trusted certificate does not verify against it.</exception>
    public TrustStore WithCrls(IEnumerable<X509Crl> crls)
    {
        var all = Crls.Concat(crls).DistinctBy(c => Convert.ToHexString(c.GetEncoded())).ToList();
        foreach (var crl in all)
        {
            if (!IssuerAccepts(crl))
            {
                throw new TrustStoreException(crl.IssuerDN.ToString(), "CRL signature does not verify against its trusted issuer");
            }
        }

        return new TrustStore(Certificates, all);
    }

    /// <summary>False when a trusted certificate is the CRL's issuer by name and none of them verifies its signature.</summary>
    private bool IssuerAccepts(X509Crl crl)
    {
        var issuers = Certificates.Where(c => c.SubjectDN.Equivalent(crl.IssuerDN)).ToList();
        return issuers.Count == 0 || issuers.Any(issuer => CertificateChecks.IsCrlSignedBy(crl, issuer));
    }

    private static IReadOnlyList<X509Crl> ReadCrlFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new TrustStoreException(path, "CRL file is too large");
        }

        List<X509Crl> crls;
        try
        {
            crls = new X509CrlParser().ReadCrls(File.ReadAllBytes(path)).ToList();
        }
        catch (Exception e)
        {
            throw new TrustStoreException(path, "Not a PEM or DER CRL file", e);
        }

        if (crls.Count == 0)
        {
            throw new TrustStoreException(path, "No CRL in file");
        }

        return crls;
    }

    private static IReadOnlyList<X509Certificate> ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new TrustStoreException(path, "Trust store file is too large");
        }

        IList<X509Certificate> certificates;
        try
        {
            certificates = new X509CertificateParser().ReadCertificates(File.ReadAllBytes(path)).ToList();
        }
        catch (Exception e) when (e is not TrustStoreException)
        {
            throw new TrustStoreException(path, "Not a PEM or DER certificate file", e);
        }

        if (certificates.Count == 0)
        {
            throw new TrustStoreException(path, "No certificate in file");
        }

        return certificates.ToList();
    }
}
