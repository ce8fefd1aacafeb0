using System.Security.Cryptography.Xml;
using System.Xml;

namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>
/// Canonical forms of a whole document or of one element (the element is taken out with the namespace declarations
/// in scope from its ancestors, as <c>SignedXml</c> does), optionally without one descendant element (the enveloped
/// signature). Inclusive C14N 1.0 and exclusive C14N through System.Security.Cryptography.Xml.
/// </summary>
internal static class XmlCanonicalizer
{
    public static byte[] Document(XmlDocument document, string algorithm, bool includeComments, string? prefixList, XmlElement? without)
    {
        return WithoutElement(without, () => Apply(document, algorithm, includeComments, prefixList));
    }

    public static byte[] Element(XmlElement element, string algorithm, bool includeComments, string? prefixList, XmlElement? without)
    {
        return WithoutElement(without, () =>
        {
            var copy = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            var imported = (XmlElement)copy.ImportNode(element, deep: true);
            copy.AppendChild(imported);
            foreach (var (prefix, uri) in InheritedNamespaces(element))
            {
                var attribute = prefix.Length == 0
                    ? copy.CreateAttribute("xmlns", XmlDsigNames.XmlNs)
                    : copy.CreateAttribute("xmlns", prefix, XmlDsigNames.XmlNs);
                attribute.Value = uri;
                imported.Attributes.Append(attribute);
            }

            return Apply(copy, algorithm, includeComments, prefixList);
        });
    }

    private static byte[] WithoutElement(XmlElement? without, Func<byte[]> canonicalize)
    {
        if (without?.ParentNode is not { } parent)
        {
            return canonicalize();
        }

        var next = without.NextSibling;
        parent.RemoveChild(without);
        try
        {
            return canonicalize();
        }
        finally
        {
            parent.InsertBefore(without, next);
        }
    }

    private static byte[] Apply(XmlDocument document, string algorithm, bool includeComments, string? prefixList)
    {
        Transform transform = algorithm is XmlDsigNames.ExcC14n or XmlDsigNames.ExcC14nWithComments
            ? new XmlDsigExcC14NTransform(includeComments, prefixList)
            : new XmlDsigC14NTransform(includeComments);
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Namespace declarations in scope at <paramref name="element"/> that come from its ancestors (nearest wins).</summary>
    private static List<(string Prefix, string Uri)> InheritedNamespaces(XmlElement element)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlDsigNames.XmlNs)
            {
                declared.Add(attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName);
            }
        }

        var result = new List<(string, string)>();
        for (var node = element.ParentNode as XmlElement; node is not null; node = node.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in node.Attributes)
            {
                if (attribute.NamespaceURI != XmlDsigNames.XmlNs)
                {
                    continue;
                }

                var prefix = attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName;
                if (prefix == "xml" || !declared.Add(prefix) || (prefix.Length == 0 && attribute.Value.Length == 0))
                {
                    continue;
                }

                result.Add((prefix, attribute.Value));
            }
        }

        return result;
    }
}
