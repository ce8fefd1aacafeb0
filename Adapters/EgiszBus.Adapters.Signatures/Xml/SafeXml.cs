using System.Xml;

namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>
/// Reads untrusted XML: no DTD (billion laughs, XXE), no resolver, a size limit and a depth limit enforced while reading,
/// whitespace preserved (it is signed).
/// </summary>
internal static class SafeXml
{
    public static XmlDocument Load(byte[] xml, int maxBytes, int maxDepth)
    {
        if (xml.Length > maxBytes)
        {
            throw new XmlException($"document larger than {maxBytes} bytes");
        }

        // First pass: streaming, bounded by depth (XmlReader has no depth limit of its own).
        using (var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings(maxBytes)))
        {
            while (reader.Read())
            {
                if (reader.Depth > maxDepth)
                {
                    throw new XmlException($"element nesting deeper than {maxDepth}");
                }
            }
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings(maxBytes)))
        {
            document.Load(reader);
        }

        return document;
    }

    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxBytes,
        MaxCharactersFromEntities = 1024,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        IgnoreProcessingInstructions = false,
        CloseInput = true,
    };
}
