using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>The header facts of a SEMD as value lists per XPath, and their comparison listing every difference.</summary>
internal static class HeaderFactLists
{
    private const string Code = "@code|@codeSystem|@codeSystemVersion|@displayName";
    private const string Name = "v3:family|v3:given|identity:Patronymic";
    private const string Addr = "v3:streetAddressLine|v3:postalCode|address:stateCode/@code|address:Type/@code|fias:Address/fias:AOGUID|fias:Address/fias:HOUSEGUID";

    private static readonly string[] Paths =
    [
        "/v3:ClinicalDocument/v3:id/@root", "/v3:ClinicalDocument/v3:id/@extension",
        "/v3:ClinicalDocument/v3:setId/@root", "/v3:ClinicalDocument/v3:setId/@extension", "/v3:ClinicalDocument/v3:versionNumber/@value",
        .. Each("/v3:ClinicalDocument/v3:code", Code), .. Each("/v3:ClinicalDocument/v3:code/v3:translation", Code),
        "/v3:ClinicalDocument/v3:title", "/v3:ClinicalDocument/v3:effectiveTime/@value", "/v3:ClinicalDocument/v3:effectiveTime/@nullFlavor",
        .. Each("/v3:ClinicalDocument/v3:confidentialityCode", Code),
        "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:id/@root", "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:id/@extension",
        .. Each("/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:patient/v3:name", Name),
        "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:patient/v3:administrativeGenderCode/@code",
        "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:patient/v3:birthTime/@value",
        .. Each("/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:addr", Addr),
        .. Each("/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/identity:IdentityDoc", "identity:IdentityCardType/@code|identity:Series|identity:Number|identity:IssueOrgName|identity:IssueOrgCode|identity:IssueDate/@value|@nullFlavor"),
        .. Each("/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/identity:InsurancePolicy", "identity:InsurancePolicyType/@code|identity:Series|identity:Number|@nullFlavor"),
        "/v3:ClinicalDocument/v3:recordTarget/v3:patientRole/v3:providerOrganization/identity:Props/identity:Ogrn",
        "/v3:ClinicalDocument/v3:author/v3:time/@value", "/v3:ClinicalDocument/v3:author/v3:time/@nullFlavor",
        .. Staff("/v3:ClinicalDocument/v3:author/v3:assignedAuthor"),
        "/v3:ClinicalDocument/v3:custodian/v3:assignedCustodian/v3:representedCustodianOrganization/v3:id/@root",
        "/v3:ClinicalDocument/v3:custodian/v3:assignedCustodian/v3:representedCustodianOrganization/v3:name",
        .. Each("/v3:ClinicalDocument/v3:custodian/v3:assignedCustodian/v3:representedCustodianOrganization/v3:addr", Addr),
        "/v3:ClinicalDocument/v3:legalAuthenticator/v3:time/@value", "/v3:ClinicalDocument/v3:legalAuthenticator/v3:time/@nullFlavor",
        "/v3:ClinicalDocument/v3:legalAuthenticator/v3:signatureCode/@nullFlavor",
        .. Staff("/v3:ClinicalDocument/v3:legalAuthenticator/v3:assignedEntity"),
    ];

    /// <summary>Every difference between the header facts of two SEMDs, one line each (empty when equal).</summary>
    public static List<string> Differences(byte[] expected, byte[] actual)
    {
        var (a, b) = (Load(expected), Load(actual));
        var differences = new List<string>();
        foreach (var path in Paths)
        {
            var (x, y) = (Values(a, path), Values(b, path));
            if (!x.SequenceEqual(y, StringComparer.Ordinal))
            {
                differences.Add($"{path}: expected [{string.Join(" | ", x)}], actual [{string.Join(" | ", y)}]");
            }
        }

        return differences;
    }

    /// <summary>The values at <paramref name="path"/> (attributes and trimmed element texts, in document order).</summary>
    public static List<string> Values(byte[] semd, string path) => Values(Load(semd), path);

    private static List<string> Values(XDocument document, string path)
    {
        var result = (IEnumerable<object>)document.XPathEvaluate(path, Namespaces());
        return result.Select(o => o switch { XAttribute at => at.Value, XElement el => el.Value.Trim(), _ => o.ToString()! }).ToList();
    }

    private static IEnumerable<string> Each(string parent, string children) => children.Split('|').Select(c => parent + "/" + c);

    private static IEnumerable<string> Staff(string entity) =>
    [
        entity + "/v3:id/@root", entity + "/v3:id/@extension", .. Each(entity + "/v3:code", Code), .. Each(entity + "/v3:assignedPerson/v3:name", Name),
        entity + "/v3:representedOrganization/v3:id/@root", entity + "/v3:representedOrganization/v3:id/@extension",
        entity + "/v3:representedOrganization/v3:name",
    ];

    private static XDocument Load(byte[] bytes)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(bytes), settings);
        return XDocument.Load(reader);
    }

    private static XmlNamespaceManager Namespaces()
    {
        var ns = new XmlNamespaceManager(new NameTable());
        ns.AddNamespace("v3", "urn:hl7-org:v3");
        ns.AddNamespace("identity", "urn:hl7-ru:identity");
        ns.AddNamespace("address", "urn:hl7-ru:address");
        ns.AddNamespace("fias", "urn:hl7-ru:fias");
        return ns;
    }
}
