using System.CommandLine;
using System.Globalization;
using EgiszBus.Adapters.Signatures;

namespace EgiszBus.Host.Tools;

/// <summary>Shared handling of the tools' inputs: files that must exist, the trust store, dates, and I/O failures (exit 1).</summary>
internal static class ToolInput
{
    /// <summary>Thrown for a usage or I/O problem; the message is printed and the tool exits with 1.</summary>
    internal sealed class ToolException(string message) : Exception(message);

    /// <summary>Runs <paramref name="action"/>; a <see cref="ToolException"/> or an I/O-like failure is printed and gives exit code 1.</summary>
    public static async Task<int> GuardedAsync(ParseResult parse, Func<TextWriter, Task<int>> action)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action(output);
        }
        catch (ToolException e)
        {
            await error.WriteLineAsync("egiszbus: " + e.Message);
        }
        catch (TrustStoreException e)
        {
            await error.WriteLineAsync("egiszbus: trust store: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException
            or System.Xml.XmlException or Org.BouncyCastle.Security.SecurityUtilityException or Org.BouncyCastle.OpenSsl.PemException
            or Org.BouncyCastle.Security.Certificates.CertificateException or InvalidCastException)
        {
            await error.WriteLineAsync($"egiszbus: {e.GetType().Name}: {e.Message}");
        }

        return ToolExitCodes.UsageOrIoError;
    }

    /// <summary>The path, when the file exists; else a <see cref="ToolException"/> naming it and its role.</summary>
    public static string ExistingFile(string? path, string role)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException($"{role}: no file given");
        }

        return File.Exists(path) ? path : throw new ToolException($"{role} file not found: {path}");
    }

    /// <summary>The trust store of the given files or folders and CRL files (an empty store when none are given).</summary>
    public static TrustStore LoadTrust(IReadOnlyList<string>? trust, IReadOnlyList<string>? crls)
    {
        foreach (var path in trust ?? [])
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new ToolException("trust file not found: " + path);
            }
        }

        foreach (var path in crls ?? [])
        {
            ExistingFile(path, "CRL");
        }

        return TrustStore.Load(trust ?? [], crls ?? []);
    }

    /// <summary>An ISO-8601 date or date-time (UTC when no offset is given), or a <see cref="ToolException"/>.</summary>
    public static DateTimeOffset? ParseDate(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date
            : throw new ToolException("--at: not an ISO-8601 date: " + value);
}
