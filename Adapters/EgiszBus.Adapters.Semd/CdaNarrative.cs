using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Semd;

/// <summary>CDA narrative block (<c>section/text</c>) ↔ FHIR XHTML <c>div</c>; only the safe structural subset is kept.</summary>
internal static class CdaNarrative
{
    private static readonly XNamespace Hl7 = CdaHeaderWriter.Hl7;
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private static readonly Dictionary<string, string> ToHtml = new(StringComparer.Ordinal)
    {
        ["paragraph"] = "p", ["content"] = "span", ["list"] = "ul", ["item"] = "li", ["caption"] = "caption", ["br"] = "br",
        ["table"] = "table", ["thead"] = "thead", ["tbody"] = "tbody", ["tfoot"] = "tfoot", ["tr"] = "tr", ["th"] = "th", ["td"] = "td",
        ["sub"] = "sub", ["sup"] = "sup",
    };

    private static readonly Dictionary<string, string> ToCdaNames = new(StringComparer.Ordinal)
    {
        ["p"] = "paragraph", ["span"] = "content", ["ul"] = "list", ["ol"] = "list", ["li"] = "item", ["caption"] = "caption", ["br"] = "br",
        ["table"] = "table", ["thead"] = "thead", ["tbody"] = "tbody", ["tfoot"] = "tfoot", ["tr"] = "tr", ["th"] = "th", ["td"] = "td",
        ["sub"] = "sub", ["sup"] = "sup", ["div"] = "paragraph", ["b"] = "content", ["i"] = "content", ["strong"] = "content", ["em"] = "content",
    };

    /// <summary>The XHTML <c>div</c> (as text) of a CDA <c>text</c> element.</summary>
    public static string ToXhtml(XElement? cdaText)
    {
        var div = new XElement(Xhtml + "div");
        if (cdaText is not null)
        {
            div.Add(Convert(cdaText.Nodes(), ToHtml, Xhtml, "span"));
        }

        if (div.IsEmpty)
        {
            div.Add(new XElement(Xhtml + "p"));
        }

        return div.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>A CDA <c>text</c> element for an XHTML <c>div</c>; null when the div is not well-formed XML.</summary>
    public static XElement? ToCda(string? div)
    {
        var text = new XElement(Hl7 + "text");
        if (string.IsNullOrWhiteSpace(div))
        {
            return text;
        }

        XElement parsed;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 4 * 1024 * 1024 };
            using var reader = XmlReader.Create(new StringReader(div), settings);
            parsed = XElement.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        text.Add(Convert(parsed.Nodes(), ToCdaNames, Hl7, "content"));
        if (text.Elements().Count() == 1 && text.Elements().Single() is { IsEmpty: true } only && !only.HasAttributes && text.Nodes().Count() == 1)
        {
            // The placeholder ToXhtml puts into an empty narrative.
            only.Remove();
        }

        return text;
    }

    private static IEnumerable<XNode> Convert(IEnumerable<XNode> nodes, Dictionary<string, string> names, XNamespace ns, string fallback)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XText text when !string.IsNullOrWhiteSpace(text.Value):
                    yield return new XText(text.Value);
                    break;
                case XElement element:
                    var name = names.GetValueOrDefault(element.Name.LocalName, fallback);
                    var converted = new XElement(ns + name, Convert(element.Nodes(), names, ns, fallback));
                    foreach (var attribute in element.Attributes().Where(a => a.Name.LocalName is "colspan" or "rowspan"))
                    {
                        converted.SetAttributeValue(attribute.Name.LocalName, attribute.Value);
                    }

                    if (element.Name.LocalName == "list" && (string?)element.Attribute("listType") == "ordered" && ns == Xhtml)
                    {
                        converted.Name = ns + "ol";
                    }

                    yield return converted;
                    break;
            }
        }
    }
}
