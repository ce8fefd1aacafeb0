using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>Secure XML reading and plain UTF-8 writing shared by the client, the callback parser and the writers.</summary>
internal static class RemdXml
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static XmlReaderSettings ReaderSettings(long maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>Parses <paramref name="bytes"/> securely; throws <see cref="XmlException"/> when malformed or carrying a DTD.</summary>
    public static XDocument Load(byte[] bytes, long maxBytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, ReaderSettings(maxBytes));
        try
        {
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception) when (exception.LineNumber == 0)
        {
            // A prohibited DTD is refused without a location: point at the DOCTYPE declaration.
            var (line, position) = Locate(bytes, "<!DOCTYPE"u8);
            throw new XmlException(exception.Message, exception, line, position);
        }
    }

    private static (int Line, int Position) Locate(byte[] bytes, ReadOnlySpan<byte> marker)
    {
        var index = bytes.AsSpan().IndexOf(marker);
        if (index < 0)
        {
            return (1, 1);
        }

        var before = bytes.AsSpan(0, index);
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, index - lineStart) + 1);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; null when the stream holds more.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static byte[] ToBytes(XDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8NoBom, Indent = false }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>The first child element with <paramref name="localName"/> in any namespace (tolerant reading).</summary>
    public static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string? ChildValue(XElement? parent, string localName)
    {
        var value = Child(parent, localName)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The payload of a SOAP 1.1/1.2 envelope, or the root itself when there is no envelope.</summary>
    public static XElement? Payload(XDocument document, out XElement? header)
    {
        header = null;
        var root = document.Root;
        if (root is null)
        {
            return null;
        }

        if (root.Name.LocalName == "Envelope" && root.Name.NamespaceName is RemdNamespaces.Soap12 or RemdNamespaces.Soap11)
        {
            header = root.Element(root.Name.Namespace + "Header");
            return root.Element(root.Name.Namespace + "Body")?.Elements().FirstOrDefault();
        }

        return root;
    }

    public static (int Line, int Position) LineInfo(XObject? node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);

    /// <summary><c>errors/item{code,message}</c> under <paramref name="parent"/> (any namespace).</summary>
    public static List<RemdError> Errors(XElement? parent) =>
        Child(parent, "errors")?.Elements().Where(e => e.Name.LocalName == "item")
            .Select(e => new RemdError(ChildValue(e, "code") ?? string.Empty, ChildValue(e, "message") ?? string.Empty))
            .ToList() ?? [];
}
