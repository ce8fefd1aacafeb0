using System.Globalization;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Remd;

/// <summary>Writes a <c>registerDocumentResult</c> callback as REMD sends it (SOAP 1.2, callback namespace). Used by the emulator.</summary>
public static class RemdCallbackWriter
{
    /// <summary>The callback envelope as an <see cref="XDocument"/>.</summary>
    /// <param name="callback">What to report.</param>
    /// <param name="messageId">The callback's own WS-Addressing MessageID.</param>
    /// <param name="to">The listener address (WS-Addressing <c>To</c>), if known.</param>
    public static XDocument Build(RemdCallback callback, string messageId, Uri? to = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        XNamespace soap = RemdNamespaces.Soap12;
        XNamespace wsa = RemdNamespaces.Addressing;
        XNamespace cb = RemdNamespaces.Callback;

        var header = new XElement(soap + "Header",
            new XElement(wsa + "MessageID", messageId),
            new XElement(wsa + "Action", RemdActions.RegisterDocumentResult));
        if (to is not null)
        {
            header.Add(new XElement(wsa + "To", to.AbsoluteUri));
        }

        if (callback.RelatesToMessageId is not null)
        {
            header.Add(new XElement(wsa + "RelatesTo", callback.RelatesToMessageId));
        }

        var result = new XElement(cb + "registerDocumentResult");
        if (callback.RelatesToMessageId is not null)
        {
            result.Add(new XElement(cb + "relatesToMessage", callback.RelatesToMessageId));
        }

        if (callback.LocalUid is not null)
        {
            result.Add(new XElement(cb + "localUid", callback.LocalUid));
        }

        result.Add(new XElement(cb + "status", callback.Success ? "success" : "error"));
        if (callback.EmdrId is not null || callback.RegistrationDateTime is not null)
        {
            var item = new XElement(cb + "registryItem");
            if (callback.EmdrId is not null)
            {
                item.Add(new XElement(cb + "emdrId", callback.EmdrId));
            }

            if (callback.RegistrationDateTime is { } registered)
            {
                item.Add(new XElement(cb + "registrationDateTime", registered.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture)));
            }

            result.Add(item);
        }

        if (callback.Errors.Count > 0)
        {
            result.Add(new XElement(cb + "errors", callback.Errors.Select(e =>
                new XElement(cb + "item", new XElement(cb + "code", e.Code), new XElement(cb + "message", e.Message)))));
        }

        return new XDocument(new XElement(soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsa", wsa.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "cb", cb.NamespaceName),
            header,
            new XElement(soap + "Body", result)));
    }

    /// <summary>The callback envelope as UTF-8 bytes.</summary>
    public static byte[] Write(RemdCallback callback, string messageId, Uri? to = null) => RemdXml.ToBytes(Build(callback, messageId, to));
}
