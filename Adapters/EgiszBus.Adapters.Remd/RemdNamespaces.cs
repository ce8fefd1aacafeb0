namespace EgiszBus.Adapters.Remd;

/// <summary>The XML namespaces of the REMD exchange (see <c>Schemas/remd/README.md</c>).</summary>
public static class RemdNamespaces
{
    /// <summary>SOAP 1.2 envelope.</summary>
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    /// <summary>SOAP 1.1 envelope (some callback senders still use it).</summary>
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>EGISZ transport header (<c>transportHeader/authInfo/clientEntityId</c>).</summary>
    public const string Egisz = "http://egisz.rosminzdrav.ru";

    /// <summary>The REMD service (requests and answers).</summary>
    public const string Service = "http://egisz.rosminzdrav.ru/iehr/emdr/service/";

    /// <summary>The REMD callback (<c>registerDocumentResult</c>).</summary>
    public const string Callback = "http://egisz.rosminzdrav.ru/iehr/emdr/callback/";

    /// <summary>WS-Addressing 1.0.</summary>
    public const string Addressing = "http://www.w3.org/2005/08/addressing";

    /// <summary>WS-Security utility (the <c>wsu:Id</c> of the body a WS-Security signature references).</summary>
    public const string SecurityUtility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
}
