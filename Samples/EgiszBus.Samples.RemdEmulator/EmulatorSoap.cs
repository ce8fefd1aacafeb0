using System.Text;
using System.Xml;
using System.Xml.Linq;
using EgiszBus.Adapters.Remd;

namespace EgiszBus.Samples.RemdEmulator;

/// <summary>Reads SOAP requests and writes SOAP 1.2 answers the way the emulator speaks them.</summary>
internal static class EmulatorSoap
{
    public static readonly XNamespace Soap = RemdNamespaces.Soap12;
    public static readonly XNamespace Wsa = RemdNamespaces.Addressing;
    public static readonly XNamespace Ser = RemdNamespaces.Service;
    public const string ContentType = RemdActions.SoapMediaType + "; charset=utf-8";

    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static XDocument Load(byte[] bytes, long maxBytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            MaxCharactersFromEntities = 1024,
        };
        using var stream = new MemoryStream(bytes, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        return XDocument.Load(reader);
    }

    public static string? Value(XElement? parent, string localName)
    {
        var value = parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static byte[] Envelope(string action, string? relatesTo, XElement payload)
    {
        var header = new XElement(Soap + "Header",
            new XElement(Wsa + "MessageID", "urn:uuid:" + Guid.NewGuid()),
            new XElement(Wsa + "Action", action));
        if (relatesTo is not null)
        {
            header.Add(new XElement(Wsa + "RelatesTo", relatesTo));
        }

        var document = new XDocument(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsa", Wsa.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ser", Ser.NamespaceName),
            header,
            new XElement(Soap + "Body", payload)));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8NoBom }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    public static XElement Errors(IEnumerable<RemdError> errors) =>
        new(Ser + "errors", errors.Select(e => new XElement(Ser + "item", new XElement(Ser + "code", e.Code), new XElement(Ser + "message", e.Message))));

    public static byte[] Fault(string soapCode, string reason, string? remdCode, string? relatesTo)
    {
        var fault = new XElement(Soap + "Fault",
            new XElement(Soap + "Code", new XElement(Soap + "Value", "soap:" + soapCode)),
            new XElement(Soap + "Reason", new XElement(Soap + "Text", new XAttribute(XNamespace.Xml + "lang", "ru"), reason)));
        if (remdCode is not null)
        {
            fault.Add(new XElement(Soap + "Detail", Errors([new RemdError(remdCode, reason)])));
        }

        return Envelope("http://www.w3.org/2005/08/addressing/soap/fault", relatesTo, fault);
    }
}
