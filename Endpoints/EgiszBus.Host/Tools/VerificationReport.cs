using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EgiszBus.Adapters.Signatures;

namespace EgiszBus.Host.Tools;

/// <summary>Prints a verification outcome as text or as one JSON object and gives the exit code.</summary>
internal static class VerificationReport
{
    public static async Task<int> WriteAsync(TextWriter output, bool isValid, SignerIdentity? signer,
        IReadOnlyList<SignatureProblem> problems, bool json)
    {
        await output.WriteLineAsync(json ? Json(isValid, signer, problems) : Text(isValid, signer, problems));
        return isValid ? ToolExitCodes.Valid : ToolExitCodes.Invalid;
    }

    private static string Text(bool isValid, SignerIdentity? signer, IReadOnlyList<SignatureProblem> problems)
    {
        var text = new StringBuilder(isValid ? "VALID: the signature verifies" : "INVALID: the signature does not verify");
        if (signer is not null)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"Signer: {signer.SubjectDn}; SNILS {signer.Snils ?? "-"}; OGRN {signer.Ogrn ?? "-"}; serial {signer.SerialNumber}; "
                + $"valid {signer.NotBefore:yyyy-MM-dd HH:mm:ss}..{signer.NotAfter:yyyy-MM-dd HH:mm:ss} UTC; {signer.Algorithm}");
        }

        foreach (var problem in problems)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"{problem.Code} [{problem.RemdCode ?? "-"}] {problem.Message}");
        }

        return text.ToString();
    }

    private static string Json(bool isValid, SignerIdentity? signer, IReadOnlyList<SignatureProblem> problems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", isValid);
            if (signer is null)
            {
                writer.WriteNull("signer");
            }
            else
            {
                writer.WriteStartObject("signer");
                writer.WriteString("subject", signer.SubjectDn);
                writer.WriteString("snils", signer.Snils);
                writer.WriteString("ogrn", signer.Ogrn);
                writer.WriteString("inn", signer.Inn);
                writer.WriteString("notBefore", signer.NotBefore);
                writer.WriteString("notAfter", signer.NotAfter);
                writer.WriteString("serial", signer.SerialNumber);
                writer.WriteString("algorithm", signer.Algorithm);
                writer.WriteEndObject();
            }

            writer.WriteStartArray("errors");
            foreach (var problem in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("code", problem.Code);
                writer.WriteString("remdCode", problem.RemdCode);
                writer.WriteString("message", problem.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
