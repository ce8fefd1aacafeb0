using System.Text;
using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>The one output format of every SEMD we write: UTF-8 without BOM, LF, two-space indent, a final LF.</summary>
internal static class CdaXmlOutput
{
    /// <summary>Runs <paramref name="write"/> on a writer with the SEMD settings and returns the bytes with a final LF.</summary>
    public static byte[] Write(Action<XmlWriter> write)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            write(w);
        }

        return [.. stream.ToArray(), (byte)'\n'];
    }

    /// <summary>
    /// Writes a whole <c>ClinicalDocument</c>: <paramref name="header"/> (namespace declarations and header elements), then
    /// <paramref name="body"/> inside <c>component/structuredBody</c>.
    /// </summary>
    public static byte[] Document(Action<XmlWriter> header, Action<XmlWriter> body) => Write(w =>
    {
        w.WriteStartDocument();
        w.WriteStartElement("ClinicalDocument", CdaHeaderWriter.Hl7);
        header(w);
        w.WriteStartElement("component");
        w.WriteStartElement("structuredBody");
        body(w);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });
}
