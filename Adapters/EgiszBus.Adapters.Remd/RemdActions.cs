namespace EgiszBus.Adapters.Remd;

/// <summary>WS-Addressing actions and SOAP 1.2 <c>action</c> parameters we send (verify against the real WSDL).</summary>
public static class RemdActions
{
    /// <summary>Register a document.</summary>
    public const string RegisterDocument = "registerDocument";

    /// <summary>Search the registry.</summary>
    public const string SearchRegistryItem = "searchRegistryItem";

    /// <summary>The asynchronous result callback.</summary>
    public const string RegisterDocumentResult = "registerDocumentResult";

    /// <summary>The WS-Addressing anonymous address (used as <c>ReplyTo</c> when no callback address is configured).</summary>
    public const string AnonymousAddress = "http://www.w3.org/2005/08/addressing/anonymous";

    /// <summary>The SOAP 1.2 media type.</summary>
    public const string SoapMediaType = "application/soap+xml";
}
