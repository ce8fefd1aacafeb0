using System.Text;
using System.Xml;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// The kind-147 header pieces the shared writer cannot render: <c>medService:serviceForm</c> (from Encounter.priority) and
/// <c>medService:serviceCond</c> («Стационарно») of documentationOf/serviceEvent (official 147 schematron, rule У1-21).
/// The source of payment (participant IND, rule У1-18) is written by <see cref="PaymentSource"/>; its xsi:type attributes on identity: elements are
/// removed here (the XSD used for 147 blocks them).
/// </summary>
internal static class DischargeSummaryHeader
{
    /// <summary>FNSI «Формы оказания медицинской помощи» (not among the snapshots: UNVERIFIED, v1.1 from the public FNSI dump).</summary>
    internal const string ServiceFormSystem = "1.2.643.5.1.13.13.11.1551";

    private const string ServiceFormVersion = "1.1";

    // 1.2.643.5.1.13.13.99.2.322 is not among the snapshots (UNVERIFIED): code 1 of v3.1 of the public FNSI dump.
    private static readonly CdaCode ServiceCond = new("1", "1.2.643.5.1.13.13.99.2.322", "Условия оказания медицинской помощи", "3.1", "Стационарно");

    private static readonly Dictionary<string, string> ServiceForms = new(StringComparer.Ordinal)
    {
        ["1"] = "плановая",
        ["2"] = "экстренная",
        ["3"] = "неотложная",
    };

    /// <summary>The form of care from Encounter.priority (coding urn:oid:1.2.643.5.1.13.13.11.1551), or null with a problem reported.</summary>
    public static CdaCode? ServiceForm(Bundle bundle, Composition composition, FhirHeaderReader reader)
    {
        const string c = "Bundle.entry[0].resource.encounter";
        if (reader.Resolve(composition.Encounter, c) is not { Resource: Encounter encounter } target)
        {
            return null; // the missing encounter is reported by the header checks
        }

        var path = $"Bundle.entry[{target.Index}].resource.priority";
        var coding = encounter.Priority?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + ServiceFormSystem);
        if (coding?.Code is null || !ServiceForms.TryGetValue(coding.Code, out var display))
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Encounter.priority: coding urn:oid:1.2.643.5.1.13.13.11.1551 (форма оказания помощи: 1 плановая, 2 экстренная, 3 неотложная) обязателен", path);
            return null;
        }

        _ = bundle;
        return new CdaCode(coding.Code, ServiceFormSystem, "Формы оказания медицинской помощи", ServiceFormVersion, display);
    }

    /// <summary>Adds serviceForm and serviceCond after documentationOf/serviceEvent/effectiveTime of a rendered document.</summary>
    public static byte[] WithServiceTerms(byte[] semd, CdaCode serviceForm)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 64 * 1024 * 1024 };
        XDocument doc;
        using (var reader = XmlReader.Create(new MemoryStream(semd), settings))
        {
            doc = XDocument.Load(reader);
        }

        XNamespace hl7 = CdaHeaderWriter.Hl7;
        XNamespace med = CdaHeaderWriter.MedService;
        var time = doc.Root!.Element(hl7 + "documentationOf")?.Element(hl7 + "serviceEvent")?.Element(hl7 + "effectiveTime")
            ?? throw new InvalidOperationException("documentationOf/serviceEvent/effectiveTime is missing");
        time.AddAfterSelf(Coded(med + "serviceForm", serviceForm), Coded(med + "serviceCond", ServiceCond));

        // The shared PaymentSource types the identity: extensions (xsi:type), which the 2022+ XSD generation used for 147 blocks.
        XNamespace identity = CdaHeaderWriter.Identity;
        XNamespace xsi = CdaHeaderWriter.Xsi;
        foreach (var participant in doc.Root.Elements(hl7 + "participant").Where(p => (string?)p.Attribute("typeCode") == "IND"))
        {
            foreach (var typed in participant.Descendants().Where(e => e.Name.Namespace == identity).Select(e => e.Attribute(xsi + "type")).OfType<XAttribute>().ToList())
            {
                typed.Remove();
            }
        }

        var output = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, output))
        {
            doc.Save(w);
        }

        return stream.ToArray();
    }

    private static XElement Coded(XName name, CdaCode code) => new(name,
        new XAttribute("code", code.Code),
        new XAttribute("codeSystem", code.System),
        code.SystemName is null ? null : new XAttribute("codeSystemName", code.SystemName),
        code.Version is null ? null : new XAttribute("codeSystemVersion", code.Version),
        code.Display is null ? null : new XAttribute("displayName", code.Display));
}
