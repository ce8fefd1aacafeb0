using System.Text;
using System.Text.Json;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Host.Tools;
using EgiszBus.TestKit;

namespace EgiszBus.Host.Tests.Tools;

/// <summary>
/// <c>verify cms|xml</c> and <c>sign cms|xml</c> run in-process against the sample PKI (GOST 2012-256) and OpenSSL with the
/// GOST engine: interop both ways, exit codes, JSON output, codes of refusals.
/// </summary>
[TestClass]
public sealed class SignatureToolsTests
{
    private static OpenSslGost ssl = null!;
    private static string caPath = null!;
    private static string doctorCertificate = null!;
    private static string doctorKey = null!;
    private static string contentPath = null!;
    private static string openSslSignature = null!;

    [ClassInitialize]
    public static void Initialize(TestContext context)
    {
        ssl = OpenSslGost.Create();
        var pki = Path.Combine(RepositoryPaths.Samples, "Pki");
        caPath = Path.Combine(pki, "ca.pem");
        doctorCertificate = Path.Combine(pki, "doctors", "23456789099.pem");
        doctorKey = Path.Combine(pki, "doctors", "23456789099.key.pem");
        contentPath = ssl.WriteFile("consultation.xml", File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, "samples", "consultation.xml")));
        openSslSignature = ssl.SignDetached(contentPath, doctorCertificate, doctorKey, "md_gost12_256");
    }

    [ClassCleanup]
    public static void Cleanup() => ssl?.Dispose();

    [TestMethod]
    public async Task GivenOpenSslGostSignature_WhenVerifyCmsWithJson_ThenExit0AndValidWithSigner()
    {
        var (exitCode, output, _) = await ToolRunner.RunAsync("verify", "cms", "--content", contentPath, "--signature", openSslSignature,
            "--trust", caPath, "--at", "2026-03-01", "--json");

        Assert.AreEqual(ToolExitCodes.Valid, exitCode, output);
        using var json = JsonDocument.Parse(output);
        Assert.IsTrue(json.RootElement.GetProperty("valid").GetBoolean());
        var signer = json.RootElement.GetProperty("signer");
        Assert.AreEqual("23456789099", signer.GetProperty("snils").GetString());
        Assert.Contains("Сидорова", signer.GetProperty("subject").GetString()!);
        Assert.AreEqual(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), signer.GetProperty("notBefore").GetDateTimeOffset());
        Assert.Contains("34.10-2012", signer.GetProperty("algorithm").GetString()!);
        Assert.AreEqual(0, json.RootElement.GetProperty("errors").GetArrayLength());
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public async Task GivenTamperedContent_WhenVerifyCms_ThenExit2WithSignatureMismatch(bool asJson)
    {
        var content = File.ReadAllBytes(contentPath);
        content[content.Length / 2] ^= 0x20;
        var tampered = ssl.WriteFile($"tampered-{asJson}.xml", content);
        string[] args = ["verify", "cms", "--content", tampered, "--signature", openSslSignature, "--trust", caPath];

        var (exitCode, output, _) = await ToolRunner.RunAsync(asJson ? [.. args, "--json"] : args);

        Assert.AreEqual(ToolExitCodes.Invalid, exitCode, output);
        if (asJson)
        {
            using var json = JsonDocument.Parse(output);
            Assert.IsFalse(json.RootElement.GetProperty("valid").GetBoolean());
            var error = json.RootElement.GetProperty("errors").EnumerateArray().Single();
            Assert.AreEqual(SignatureErrorCodes.SignatureMismatch, error.GetProperty("code").GetString());
            Assert.AreEqual("SIGNATURE_VERIFICATION_ERROR", error.GetProperty("remdCode").GetString());
        }
        else
        {
            Assert.Contains("SIG-004 [SIGNATURE_VERIFICATION_ERROR]", output);
        }
    }

    [TestMethod]
    public async Task GivenNoTrustedCa_WhenVerifyCms_ThenExit2WithUntrustedChain()
    {
        var (exitCode, output, _) = await ToolRunner.RunAsync("verify", "cms", "--content", contentPath, "--signature", openSslSignature, "--json");

        Assert.AreEqual(ToolExitCodes.Invalid, exitCode);
        Assert.AreEqual(SignatureErrorCodes.UntrustedChain, Codes(output).Single());
    }

    [TestMethod]
    public async Task GivenDocumentDateBeforeCertificate_WhenVerifyCmsAt_ThenExit2WithNotYetValid()
    {
        var (exitCode, output, _) = await ToolRunner.RunAsync("verify", "cms", "--content", contentPath, "--signature", openSslSignature,
            "--trust", caPath, "--at", "2024-12-31T12:00:00+03:00", "--json");

        Assert.AreEqual(ToolExitCodes.Invalid, exitCode);
        Assert.AreEqual(SignatureErrorCodes.CertificateNotYetValid, Codes(output).Single());
    }

    [TestMethod]
    [DataRow("verify", "cms", "--content", "MISSING", "--signature", "SIG")]
    [DataRow("verify", "cms", "--content", "CONTENT", "--signature", "MISSING")]
    [DataRow("verify", "cms", "--content", "CONTENT", "--signature", "SIG", "--trust", "MISSING")]
    [DataRow("verify", "cms", "--content", "CONTENT", "--signature", "SIG", "--trust", "CA", "--crl", "MISSING")]
    [DataRow("verify", "xml", "MISSING", "--trust", "CA")]
    [DataRow("sign", "cms", "--content", "MISSING", "--cert", "CERT", "--key", "KEY")]
    [DataRow("sign", "cms", "--content", "CONTENT", "--cert", "CERT", "--key", "MISSING")]
    [DataRow("sign", "xml", "MISSING", "--cert", "CERT", "--key", "KEY")]
    public async Task GivenMissingFile_WhenRun_ThenExit1AndMessageNamesTheFile(params string[] template)
    {
        var missing = ssl.PathOf("no-such-file-" + Guid.NewGuid().ToString("N")[..8]);
        var args = template.Select(a => a switch
        {
            "MISSING" => missing,
            "CONTENT" => contentPath,
            "SIG" => openSslSignature,
            "CA" => caPath,
            "CERT" => doctorCertificate,
            "KEY" => doctorKey,
            _ => a,
        }).ToArray();

        var (exitCode, output, error) = await ToolRunner.RunAsync(args);

        Assert.AreEqual(ToolExitCodes.UsageOrIoError, exitCode, output + error);
        Assert.Contains("not found", error);
        Assert.Contains(missing, error);
    }

    [TestMethod]
    [DataRow("verify", "cms", "--content", "x.xml")]
    [DataRow("verify", "cms", "--content", "x.xml", "--signature", "x.sig", "--unknown")]
    [DataRow("sign", "xml", "x.xml", "--cert", "c.pem")]
    [DataRow("verify", "cms", "--content", "CONTENT", "--signature", "SIG", "--at", "yesterday")]
    [DataRow("sign", "xml", "CONTENT", "--cert", "CERT", "--key", "KEY", "--soap", "--enveloped")]
    public async Task GivenBadUsage_WhenRun_ThenExit1(params string[] template)
    {
        var args = template.Select(a => a switch
        {
            "CONTENT" => contentPath,
            "SIG" => openSslSignature,
            "CERT" => doctorCertificate,
            "KEY" => doctorKey,
            _ => a,
        }).ToArray();

        var (exitCode, _, _) = await ToolRunner.RunAsync(args);

        Assert.AreEqual(ToolExitCodes.UsageOrIoError, exitCode);
    }

    [TestMethod]
    public async Task GivenSignCmsDer_WhenOpenSslVerifies_ThenAccepted()
    {
        var signature = ssl.PathOf("ours.p7s");

        var (exitCode, _, error) = await ToolRunner.RunAsync("sign", "cms", "--content", contentPath, "--cert", doctorCertificate,
            "--key", doctorKey, "-o", signature);

        Assert.AreEqual(ToolExitCodes.Valid, exitCode, error);
        var openssl = ssl.VerifyDetached(contentPath, signature, caPath);
        Assert.AreEqual(0, openssl.ExitCode, openssl.Output);
    }

    [TestMethod]
    public async Task GivenSignCmsBase64ToStdout_WhenVerifiedByVerifyCms_ThenExit0()
    {
        var (signExit, base64, _) = await ToolRunner.RunAsync("sign", "cms", "--content", contentPath, "--cert", doctorCertificate, "--key", doctorKey);
        Assert.AreEqual(ToolExitCodes.Valid, signExit);
        var signature = ssl.WriteFile("stdout.b64", Encoding.ASCII.GetBytes(base64));
        var organisation = ssl.PathOf("org-b64.sig");
        await ToolRunner.RunAsync("sign", "cms", "--content", contentPath, "--cert", Path.Combine(RepositoryPaths.Samples, "Pki", "organization.pem"),
            "--key", Path.Combine(RepositoryPaths.Samples, "Pki", "organization.key.pem"), "-o", organisation, "--base64");

        var (exitCode, output, _) = await ToolRunner.RunAsync("verify", "cms", "--content", contentPath, "--signature", signature, "--trust", caPath);
        var (orgExit, orgOutput, _) = await ToolRunner.RunAsync("verify", "cms", "--content", contentPath, "--signature", organisation,
            "--trust", caPath, "--json");

        Assert.AreEqual(ToolExitCodes.Valid, exitCode, output);
        Assert.StartsWith("VALID", output);
        Assert.AreEqual(ToolExitCodes.Valid, orgExit, orgOutput);
        Assert.Contains("\"ogrn\":\"1027700000001\"", orgOutput);
        Assert.IsTrue(Encoding.ASCII.GetString(File.ReadAllBytes(organisation)).All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='));
    }

    [TestMethod]
    [DataRow("--enveloped")]
    [DataRow("--soap")]
    public async Task GivenSignXml_WhenVerifyXml_ThenExit0_AndWhenTampered_ThenExit2WithDigestMismatch(string mode)
    {
        var input = mode == "--soap"
            ? ssl.WriteFile("envelope.xml", Encoding.UTF8.GetBytes(
                "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><m:ping xmlns:m=\"urn:test\">1</m:ping></s:Body></s:Envelope>"))
            : contentPath;
        var signed = ssl.PathOf("signed" + mode + ".xml");

        var (signExit, _, signError) = await ToolRunner.RunAsync("sign", "xml", input, "--cert", doctorCertificate, "--key", doctorKey, mode, "-o", signed);
        var (exitCode, output, _) = await ToolRunner.RunAsync("verify", "xml", signed, "--trust", caPath, "--json");
        var text = File.ReadAllText(signed);
        var tampered = ssl.WriteFile("tampered" + mode + ".xml",
            Encoding.UTF8.GetBytes(mode == "--soap" ? text.Replace(">1</m:ping>", ">2</m:ping>") : text.Replace("Смирнов", "Смирнова")));
        var (tamperedExit, tamperedOutput, _) = await ToolRunner.RunAsync("verify", "xml", tampered, "--trust", caPath, "--json");

        Assert.AreEqual(ToolExitCodes.Valid, signExit, signError);
        Assert.AreEqual(ToolExitCodes.Valid, exitCode, output);
        Assert.AreNotEqual(text, File.ReadAllText(tampered));
        Assert.AreEqual(ToolExitCodes.Invalid, tamperedExit);
        Assert.AreEqual(SignatureErrorCodes.XmlDigestMismatch, Codes(tamperedOutput).Single());
    }

    private static string[] Codes(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToArray();
    }
}
