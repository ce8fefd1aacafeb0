using System.CommandLine;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Adapters.Signatures.Xml;

namespace EgiszBus.Host.Tools;

/// <summary>
/// <c>egiszbus verify cms|xml</c>: checks a detached/attached CMS signature or an XMLDSig signature (enveloped or
/// WS-Security) exactly as the hub does. Exit 0 valid, 2 invalid (each problem printed: code, REMD code, message;
/// <c>--json</c> prints one object <c>{valid, signer, errors[{code, remdCode, message}]}</c>), 1 usage or I/O error.
/// </summary>
public static class VerifyCommand
{
    /// <summary>The <c>verify</c> command with its <c>cms</c> and <c>xml</c> subcommands.</summary>
    public static Command Create() =>
        new("verify", "Verify a signature (exit 0 valid, 2 invalid, 1 usage or I/O error)") { CreateCms(), CreateXml() };

    private static Command CreateCms()
    {
        var content = new Option<string>("--content") { Description = "The signed document (exactly the bytes that were signed)", Required = true };
        var signature = new Option<string>("--signature") { Description = "The CMS signature, DER or base64", Required = true };
        var trust = TrustOption();
        var crl = new Option<string[]>("--crl") { Description = "A CRL file (PEM or DER); repeatable", AllowMultipleArgumentsPerToken = false };
        var at = new Option<string?>("--at") { Description = "The document date (ISO-8601): the certificate must be valid then too" };
        var json = JsonOption();
        var command = new Command("cms", "Verify a CMS (PKCS#7) signature: GOST R 34.10-2012, RSA, ECDSA")
        {
            content, signature, trust, crl, at, json,
        };
        command.SetAction((parse, _) => ToolInput.GuardedAsync(parse, async output =>
        {
            var contentPath = ToolInput.ExistingFile(parse.GetValue(content), "content");
            var signaturePath = ToolInput.ExistingFile(parse.GetValue(signature), "signature");
            var documentDate = ToolInput.ParseDate(parse.GetValue(at));
            var store = ToolInput.LoadTrust(parse.GetValue(trust), parse.GetValue(crl));
            var contentBytes = await File.ReadAllBytesAsync(contentPath);
            var signatureBytes = await File.ReadAllBytesAsync(signaturePath);
            var result = new CmsSignatureVerifier(store).Verify(contentBytes, signatureBytes, documentDate);
            return await VerificationReport.WriteAsync(output, result.IsValid, result.Signer, result.Problems, parse.GetValue(json));
        }));
        return command;
    }

    private static Command CreateXml()
    {
        var file = new Argument<string>("FILE") { Description = "The signed XML document or SOAP envelope" };
        var trust = TrustOption();
        var json = JsonOption();
        var legacy = new Option<bool>("--legacy-gost2001") { Description = "Accept GOST R 34.10-2001 / 34.11-94 (old documents)" };
        var command = new Command("xml", "Verify an XMLDSig signature: enveloped, or WS-Security over a SOAP Body")
        {
            file, trust, json, legacy,
        };
        command.SetAction((parse, _) => ToolInput.GuardedAsync(parse, async output =>
        {
            var path = ToolInput.ExistingFile(parse.GetValue(file), "XML");
            var store = ToolInput.LoadTrust(parse.GetValue(trust), null);
            var result = new XmlSignatureVerifier(store).Verify(await File.ReadAllBytesAsync(path),
                new XmlVerificationOptions { AllowLegacyGost2001 = parse.GetValue(legacy) });
            return await VerificationReport.WriteAsync(output, result.IsValid, result.Signer, result.Problems, parse.GetValue(json));
        }));
        return command;
    }

    private static Option<string[]> TrustOption() =>
        new("--trust") { Description = "A trusted CA certificate (PEM/DER file) or a folder of them; repeatable" };

    private static Option<bool> JsonOption() =>
        new("--json") { Description = "Print one JSON object {valid, signer, errors[{code, remdCode, message}]}" };
}
