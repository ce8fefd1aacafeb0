using Org.BouncyCastle.X509;

namespace EgiszBus.Adapters.Signatures;

/// <summary>
/// The trusted CA certificates (trust anchors) that signer certificates must chain to. Loaded from PEM or DER files
/// (a PEM file may hold several certificates) or from folders of them (<c>*.pem</c>, <c>*.crt</c>, <c>*.cer</c>, <c>*.der</c>, top level only).
/// </summary>
public sealed class TrustStore
{
    private static readonly string[] FolderPatterns = ["*.pem", "*.crt", "*.cer", "*.der"];
    private const long MaxFileBytes = 16 * 1024 * 1024;

    private TrustStore(IReadOnlyList<X509Certificate> certificates)
    {
        Certificates = certificates;
    }

    /// <summary>The trusted certificates, in load order, without duplicates.</summary>
    public IReadOnlyList<X509Certificate> Certificates { get; }

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
