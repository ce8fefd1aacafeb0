using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>
/// Reads REMD's <c>registerDocumentResult</c> callback: SOAP 1.2, SOAP 1.1 or a bare root; callback namespace or none.
/// DTDs are prohibited, nothing is resolved, input is limited to <see cref="MaxBytes"/>.
/// </summary>
public static class RemdCallbackParser
{
    /// <summary>The largest callback accepted (4 MB).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Reads a callback from <paramref name="stream"/> (at most <see cref="MaxBytes"/>).</summary>
    public static async Task<RemdCallback> ParseAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = await RemdXml.ReadLimitedAsync(stream, MaxBytes, cancellationToken).ConfigureAwait(false)
            ?? throw new RemdCallbackFormatException(RemdCallbackFormatException.TooLarge, $"callback larger than {MaxBytes} bytes", 0, 0);
        return Parse(bytes);
    }

    /// <summary>Reads a callback from <paramref name="stream"/> synchronously (at most <see cref="MaxBytes"/>).</summary>
    public static RemdCallback Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseAsync(stream).GetAwaiter().GetResult();
    }

    /// <summary>Reads a callback from <paramref name="bytes"/>.</summary>
    public static RemdCallback Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxBytes)
        {
            throw new RemdCallbackFormatException(RemdCallbackFormatException.TooLarge, $"callback larger than {MaxBytes} bytes", 0, 0);
        }

        XDocument document;
        try
        {
            document = RemdXml.Load(bytes, MaxBytes);
        }
        catch (XmlException exception)
        {
            throw new RemdCallbackFormatException(RemdCallbackFormatException.MalformedXml, exception.Message, exception.LineNumber, exception.LinePosition, exception);
        }

        var result = RemdXml.Payload(document, out var header);
        if (result is null || result.Name.LocalName != "registerDocumentResult")
        {
            var (line, position) = RemdXml.LineInfo((XObject?)result ?? document.Root);
            throw new RemdCallbackFormatException(RemdCallbackFormatException.NotACallback,
                $"expected registerDocumentResult, found {result?.Name.LocalName ?? "an empty body"}", line, position);
        }

        var relatesTo = RemdXml.ChildValue(result, "relatesToMessage")
            ?? header?.Elements(XName.Get("RelatesTo", RemdNamespaces.Addressing)).FirstOrDefault()?.Value.Trim();
        if (string.IsNullOrEmpty(relatesTo))
        {
            relatesTo = null;
        }

        var localUid = RemdXml.ChildValue(result, "localUid");
        if (relatesTo is null && localUid is null)
        {
            var (line, position) = RemdXml.LineInfo(result);
            throw new RemdCallbackFormatException(RemdCallbackFormatException.NoCorrelation,
                "neither relatesToMessage/RelatesTo nor localUid", line, position);
        }

        var registryItem = RemdXml.Child(result, "registryItem");
        var emdrId = RemdXml.ChildValue(registryItem, "emdrId") ?? RemdXml.ChildValue(result, "emdrId");
        var dateElement = RemdXml.Child(registryItem, "registrationDateTime") ?? RemdXml.Child(registryItem, "registrationDate")
            ?? RemdXml.Child(result, "registrationDateTime") ?? RemdXml.Child(result, "registrationDate");
        var registered = dateElement is null ? (DateTimeOffset?)null : ParseDate(dateElement);

        var errors = new List<RemdError>();
        foreach (var item in RemdXml.Child(result, "errors")?.Elements().Where(e => e.Name.LocalName == "item") ?? [])
        {
            var code = RemdXml.ChildValue(item, "code");
            if (code is null)
            {
                var (line, position) = RemdXml.LineInfo(item);
                throw new RemdCallbackFormatException(RemdCallbackFormatException.ErrorWithoutCode, "errors/item without code", line, position);
            }

            errors.Add(new RemdError(code, RemdXml.ChildValue(item, "message") ?? string.Empty));
        }

        var statusElement = RemdXml.Child(result, "status");
        var status = statusElement?.Value.Trim();
        bool success;
        if (string.IsNullOrEmpty(status))
        {
            // No status (seen in third-party fixtures): success only when a registry number came with it.
            success = emdrId is not null && errors.Count == 0;
        }
        else if (string.Equals(status, "success", StringComparison.OrdinalIgnoreCase))
        {
            success = true;
        }
        else if (string.Equals(status, "error", StringComparison.OrdinalIgnoreCase))
        {
            success = false;
        }
        else
        {
            var (line, position) = RemdXml.LineInfo(statusElement);
            throw new RemdCallbackFormatException(RemdCallbackFormatException.InvalidStatus, $"unknown status '{status}'", line, position);
        }

        return new RemdCallback(relatesTo, localUid, success, emdrId, registered, errors);
    }

    private static DateTimeOffset ParseDate(XElement element)
    {
        var text = element.Value.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            && (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-'))
        {
            return value;
        }

        var (line, position) = RemdXml.LineInfo(element);
        throw new RemdCallbackFormatException(RemdCallbackFormatException.InvalidDate, $"{element.Name.LocalName} is not an ISO 8601 date", line, position);
    }
}
