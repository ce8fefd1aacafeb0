using System.Globalization;

namespace EgiszBus.TestKit;

/// <summary>
/// Runs OpenSSL with the reference GOST engine (<c>libengine-gost-openssl</c>, installed with apt-get when missing)
/// in a temporary working folder: keys, CA and end-entity certificates with fixed validity dates (<c>openssl ca</c>),
/// detached CMS signatures and their verification. The folder is removed on dispose.
/// </summary>
public sealed class OpenSslGost : IDisposable
{
    /// <summary>Where Debian's package puts the engine.</summary>
    public const string EnginePath = "/usr/lib/x86_64-linux-gnu/engines-3/gost.so";

    /// <summary>Extensions of a CA certificate.</summary>
    public const string CaExtensions = "basicConstraints = critical,CA:true\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash";

    /// <summary>Extensions of a signer (end-entity) certificate: digitalSignature + nonRepudiation.</summary>
    public const string SignerExtensions = "basicConstraints = CA:false\nkeyUsage = critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid";

    private static readonly object InstallGate = new();
    private int counter;

    private OpenSslGost(string directory)
    {
        Directory = directory;
        ConfigPath = Path.Combine(directory, "openssl-gost.cnf");
        File.WriteAllText(ConfigPath, $"""
            openssl_conf = openssl_def
            [openssl_def]
            engines = engine_section
            [engine_section]
            gost = gost_section
            [gost_section]
            engine_id = gost
            dynamic_path = {EnginePath}
            default_algorithms = ALL
            [req]
            distinguished_name = req_dn
            string_mask = utf8only
            [req_dn]
            [ca]
            default_ca = ca_default
            [ca_default]
            database = {Path.Combine(directory, "index.txt")}
            new_certs_dir = {directory}
            rand_serial = yes
            policy = policy_any
            unique_subject = no
            copy_extensions = none
            email_in_dn = no
            [policy_any]
            commonName = supplied

            """);
        File.WriteAllText(Path.Combine(directory, "index.txt"), string.Empty);
    }

    /// <summary>The working folder.</summary>
    public string Directory { get; }

    /// <summary>The <c>OPENSSL_CONF</c> file that loads the engine.</summary>
    public string ConfigPath { get; }

    /// <summary>Creates a helper over a fresh temporary folder (installs the engine when it is missing).</summary>
    public static OpenSslGost Create()
    {
        EnsureEngine();
        var directory = Path.Combine(Path.GetTempPath(), "egiszbus-gost-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        return new OpenSslGost(directory);
    }

    /// <summary>A path inside the working folder.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Runs <c>openssl</c> with the GOST configuration; does not throw on a non-zero exit code.</summary>
    public ProcessRunner.Result Run(params string[] arguments) =>
        ProcessRunner.Run("openssl", arguments, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["OPENSSL_CONF"] = ConfigPath }, Directory);

    /// <summary>Runs <c>openssl</c> and throws with its output when it fails.</summary>
    public ProcessRunner.Result RunChecked(params string[] arguments)
    {
        var result = Run(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Output}");
        }

        return result;
    }

    /// <summary>
    /// Generates a private key (PKCS#8 PEM) and returns its path. <paramref name="algorithm"/>: <c>gost2012_256</c>
    /// (paramset A, B, C, TCA…), <c>gost2012_512</c> (A, B, C), <c>RSA</c> (parameter = bits), <c>EC</c> (parameter = curve, e.g. P-256).
    /// </summary>
    public string GenerateKey(string name, string algorithm, string parameter)
    {
        var path = PathOf(name + ".key.pem");
        var option = algorithm switch
        {
            "RSA" => "rsa_keygen_bits:" + parameter,
            "EC" => "ec_paramgen_curve:" + parameter,
            _ => "paramset:" + parameter,
        };
        RunChecked("genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", path);
        return path;
    }

    /// <summary>Creates a self-signed CA certificate with fixed validity and returns its path.</summary>
    public string CreateRootCertificate(string name, string keyPath, string subject, DateTimeOffset notBefore,
        DateTimeOffset notAfter, string digest = "md_gost12_256", string extensions = CaExtensions)
    {
        var request = CreateRequest(name, keyPath, subject);
        var path = PathOf(name + ".pem");
        var extFile = WriteExtensions(extensions);
        RunChecked("ca", "-batch", "-selfsign", "-keyfile", keyPath, "-in", request, "-utf8",
            "-preserveDN", "-md", digest, "-startdate", Asn1Time(notBefore), "-enddate", Asn1Time(notAfter),
            "-extfile", extFile, "-extensions", "ext", "-notext", "-out", path);
        return path;
    }

    /// <summary>Issues a certificate for <paramref name="keyPath"/> signed by the given CA and returns its path.</summary>
    public string IssueCertificate(string name, string keyPath, string subject, string caCertificatePath, string caKeyPath,
        DateTimeOffset notBefore, DateTimeOffset notAfter, string digest = "md_gost12_256", string extensions = SignerExtensions)
    {
        var request = CreateRequest(name, keyPath, subject);
        var path = PathOf(name + ".pem");
        var extFile = WriteExtensions(extensions);
        RunChecked("ca", "-batch", "-cert", caCertificatePath, "-keyfile", caKeyPath, "-in", request,
            "-utf8", "-preserveDN", "-md", digest, "-startdate", Asn1Time(notBefore), "-enddate", Asn1Time(notAfter),
            "-extfile", extFile, "-extensions", "ext", "-notext", "-out", path);
        return path;
    }

    /// <summary>
    /// Signs <paramref name="contentPath"/> with <c>openssl cms -sign -binary</c> (detached DER unless
    /// <paramref name="extraArguments"/> says otherwise) and returns the signature path.
    /// </summary>
    public string SignDetached(string contentPath, string certificatePath, string keyPath, string digest, params string[] extraArguments)
    {
        var path = PathOf($"sig-{Interlocked.Increment(ref counter)}.p7s");
        RunChecked(["cms", "-sign", "-binary", "-md", digest, "-outform", "DER", "-in", contentPath, "-signer", certificatePath,
            "-inkey", keyPath, "-out", path, .. extraArguments]);
        return path;
    }

    /// <summary>Checks a detached DER signature with <c>openssl cms -verify</c> against <paramref name="caFile"/>.</summary>
    public ProcessRunner.Result VerifyDetached(string contentPath, string signaturePath, string caFile) =>
        Run("cms", "-verify", "-binary", "-inform", "DER", "-in", signaturePath, "-content", contentPath, "-CAfile", caFile,
            "-purpose", "any", "-out", "/dev/null");

    /// <summary>Writes bytes into the working folder and returns the path.</summary>
    public string WriteFile(string fileName, byte[] content)
    {
        var path = PathOf(fileName);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string CreateRequest(string name, string keyPath, string subject)
    {
        var path = PathOf(name + ".csr");
        // The request is self-signed with the key's own default digest (Streebog of the key size for GOST 2012).
        RunChecked("req", "-new", "-key", keyPath, "-utf8", "-subj", subject, "-out", path);
        return path;
    }

    private string WriteExtensions(string extensions)
    {
        var path = PathOf($"ext-{Interlocked.Increment(ref counter)}.cnf");
        File.WriteAllText(path, "[ext]\n" + extensions + "\n");
        return path;
    }

    private static string Asn1Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z";

    private static void EnsureEngine()
    {
        lock (InstallGate)
        {
            if (File.Exists(EnginePath))
            {
                return;
            }

            ProcessRunner.RunChecked("apt-get", ["install", "-y", "-q", "libengine-gost-openssl"], TimeSpan.FromMinutes(10),
                new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
        }
    }
}
