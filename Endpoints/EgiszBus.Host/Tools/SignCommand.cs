using System.CommandLine;
using System.Text;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Adapters.Signatures.Xml;

namespace EgiszBus.Host.Tools;

/// <summary>
/// <c>egiszbus sign cms|xml</c>: signs with a certificate and an unencrypted PEM private key (GOST R 34.10-2012, RSA, ECDSA),
/// for tests, samples and the emulators. Exit 0 written, 1 usage or I/O error.
/// </summary>
public static class SignCommand
{
    /// <summary>The <c>sign</c> command with its <c>cms</c> and <c>xml</c> subcommands.</summary>
    public static Command Create() =>
        new("sign", "Sign a document with a certificate and its private key (test keys, samples, emulators)") { CreateCms(), CreateXml() };

    private static Command CreateCms()
    {
        var content = new Option<string>("--content") { Description = "The document to sign", Required = true };
        var (certificate, key) = KeyOptions();
        var output = OutputOption("Write the detached signature here (DER, or base64 with --base64); default: base64 to standard output");
        var base64 = new Option<bool>("--base64") { Description = "Write base64 (the REMD transport form) instead of DER" };
        var command = new Command("cms", "Create a detached CMS signature (signingTime, messageDigest; the certificate embedded)")
        {
            content, certificate, key, output, base64,
        };
        command.SetAction((parse, _) => ToolInput.GuardedAsync(parse, async stdout =>
        {
            var contentPath = ToolInput.ExistingFile(parse.GetValue(content), "content");
            var signer = CmsDocumentSigner.FromPemFiles(ToolInput.ExistingFile(parse.GetValue(certificate), "certificate"),
                ToolInput.ExistingFile(parse.GetValue(key), "key"));
            var signature = signer.SignDetached(await File.ReadAllBytesAsync(contentPath));
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, parse.GetValue(base64) ? Encoding.ASCII.GetBytes(Convert.ToBase64String(signature)) : signature);
            }
            else
            {
                await stdout.WriteLineAsync(Convert.ToBase64String(signature));
            }

            return ToolExitCodes.Valid;
        }));
        return command;
    }

    private static Command CreateXml()
    {
        var file = new Argument<string>("FILE") { Description = "The XML document or SOAP envelope to sign" };
        var (certificate, key) = KeyOptions();
        var soap = new Option<bool>("--soap") { Description = "WS-Security over the SOAP Body (wsse:Security, BinarySecurityToken, #body)" };
        var enveloped = new Option<bool>("--enveloped") { Description = "An enveloped signature over the whole document (the default)" };
        var output = OutputOption("Write the signed XML here; default: standard output");
        var command = new Command("xml", "Create an XMLDSig signature (exclusive C14N): enveloped, or WS-Security with --soap")
        {
            file, certificate, key, soap, enveloped, output,
        };
        command.SetAction((parse, _) => ToolInput.GuardedAsync(parse, async stdout =>
        {
            if (parse.GetValue(soap) && parse.GetValue(enveloped))
            {
                throw new ToolInput.ToolException("--soap and --enveloped exclude each other");
            }

            var path = ToolInput.ExistingFile(parse.GetValue(file), "XML");
            var signer = XmlDocumentSigner.FromPemFiles(ToolInput.ExistingFile(parse.GetValue(certificate), "certificate"),
                ToolInput.ExistingFile(parse.GetValue(key), "key"));
            var xml = await File.ReadAllBytesAsync(path);
            var signed = parse.GetValue(soap) ? signer.SignSoapEnvelope(xml) : signer.SignEnveloped(xml);
            if (parse.GetValue(output) is { } target)
            {
                await File.WriteAllBytesAsync(target, signed);
            }
            else
            {
                await stdout.WriteLineAsync(Encoding.UTF8.GetString(signed));
            }

            return ToolExitCodes.Valid;
        }));
        return command;
    }

    private static (Option<string> Certificate, Option<string> Key) KeyOptions() => (
        new Option<string>("--cert") { Description = "The signer certificate (PEM or DER)", Required = true },
        new Option<string>("--key") { Description = "Its unencrypted private key (PEM: PKCS#8, RSA or EC)", Required = true });

    private static Option<string?> OutputOption(string description) => new("--output", "-o") { Description = description };
}
