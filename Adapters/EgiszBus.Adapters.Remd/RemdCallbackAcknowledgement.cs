using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>The SOAP 1.2 answer our callback listener returns to REMD after taking a <c>registerDocumentResult</c>.</summary>
public static class RemdCallbackAcknowledgement
{
    /// <summary>The content type of the acknowledgement.</summary>
    public const string ContentType = RemdActions.SoapMediaType + "; charset=utf-8";

    /// <summary>Builds the acknowledgement envelope.</summary>
    /// <param name="callbackMessageId">The MessageID of the callback being acknowledged (WS-Addressing <c>RelatesTo</c>), if it had one.</param>
    /// <param name="messageId">The acknowledgement's own MessageID; a new <c>urn:uuid:</c> when null.</param>
    public static XDocument Build(string? callbackMessageId, string? messageId = null)
    {
        XNamespace soap = RemdNamespaces.Soap12;
        XNamespace wsa = RemdNamespaces.Addressing;
        XNamespace cb = RemdNamespaces.Callback;
        var header = new XElement(soap + "Header",
            new XElement(wsa + "MessageID", messageId ?? "urn:uuid:" + Guid.NewGuid()),
            new XElement(wsa + "Action", RemdActions.RegisterDocumentResult + "Response"));
        if (callbackMessageId is not null)
        {
            header.Add(new XElement(wsa + "RelatesTo", callbackMessageId));
        }

        return new XDocument(new XElement(soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsa", wsa.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "cb", cb.NamespaceName),
            header,
            new XElement(soap + "Body", new XElement(cb + "registerDocumentResultResponse", new XElement(cb + "status", "success")))));
    }

    /// <summary>The acknowledgement as UTF-8 bytes.</summary>
    public static byte[] Write(string? callbackMessageId, string? messageId = null) => RemdXml.ToBytes(Build(callbackMessageId, messageId));
}
