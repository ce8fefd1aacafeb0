namespace EgiszBus.Adapters.Signatures.Tests;

[TestClass]
public sealed class TrustStoreTests
{
    private static TestPki pki = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context) => pki = TestPki.Create();

    [ClassCleanup]
    public static void Cleanup() => pki?.Dispose();

    [TestMethod]
    public void GivenFolderWithPemFiles_WhenLoaded_ThenEveryCertificateLoaded()
    {
        var store = TrustStore.Load(pki.TrustFolder);

        Assert.HasCount(2, store.Certificates);
    }

    [TestMethod]
    public void GivenDerAndMultiCertificatePemFiles_WhenLoaded_ThenAllLoadedWithoutDuplicates()
    {
        var der = pki.Ssl.PathOf("root.der");
        pki.Ssl.RunChecked("x509", "-in", pki.Root.Certificate, "-outform", "DER", "-out", der);
        var bundle = pki.Ssl.WriteFile("bundle.pem",
            File.ReadAllBytes(pki.Root.Certificate).Concat(File.ReadAllBytes(pki.ForeignRoot.Certificate)).ToArray());

        var store = TrustStore.Load(der, bundle);

        Assert.HasCount(2, store.Certificates);
    }

    [TestMethod]
    [DataRow("garbage.pem", "this is not a certificate")]
    [DataRow("empty.pem", "")]
    public void GivenUnreadableFile_WhenLoaded_ThenExceptionNamesTheFile(string fileName, string content)
    {
        var path = pki.Ssl.WriteFile(fileName, System.Text.Encoding.ASCII.GetBytes(content));

        var error = Assert.ThrowsExactly<TrustStoreException>(() => TrustStore.Load(path));

        Assert.AreEqual(path, error.FilePath);
        StringAssert.Contains(error.Message, fileName);
    }

    [TestMethod]
    public void GivenMissingPath_WhenLoaded_ThenExceptionNamesThePath()
    {
        var path = pki.Ssl.PathOf("missing.pem");

        var error = Assert.ThrowsExactly<TrustStoreException>(() => TrustStore.Load(path));

        Assert.AreEqual(path, error.FilePath);
    }
}
