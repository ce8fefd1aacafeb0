namespace EgiszBus.Adapters.Signatures.Xml;

/// <summary>Namespaces and algorithm URIs of XMLDSig, SOAP and WS-Security.</summary>
internal static class XmlDsigNames
{
    public const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string XmlNs = "http://www.w3.org/2000/xmlns/";
    public const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    public const string ExcC14nNs = "http://www.w3.org/2001/10/xml-exc-c14n#";

    public const string X509v3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    public const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    public const string EnvelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    public const string C14n = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string C14nWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
    public const string ExcC14n = "http://www.w3.org/2001/10/xml-exc-c14n#";
    public const string ExcC14nWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";

    public static bool IsCanonicalization(string algorithm) =>
        algorithm is C14n or C14nWithComments or ExcC14n or ExcC14nWithComments;

    public static bool IsSoap(string namespaceUri) => namespaceUri is Soap11 or Soap12;
}
