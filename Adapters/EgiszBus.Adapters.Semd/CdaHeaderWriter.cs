using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Writes the CDA header of any SEMD kind from a <see cref="CdaHeader"/> and the narrative sections after it:
/// UTF-8 without BOM, LF, two-space indent, no clock, no randomness.
/// </summary>
internal sealed class CdaHeaderWriter
{
    public const string Hl7 = "urn:hl7-org:v3";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    public const string Identity = "urn:hl7-ru:identity";
    public const string AddressNs = "urn:hl7-ru:address";
    public const string MedService = "urn:hl7-ru:medService";
    public const string Fias = "urn:hl7-ru:fias";
    public const string MinzdravOid = "1.2.643.5.1.13";

    private readonly XmlWriter w;
    private readonly CdaStyle style;

    private CdaHeaderWriter(XmlWriter w, CdaStyle style)
    {
        this.w = w;
        this.style = style;
    }

    /// <summary>Writes a whole document: the header, then <paramref name="body"/> inside <c>component/structuredBody</c>.</summary>
    public static byte[] Document(CdaHeader h, Action<XmlWriter> body, CdaStyle? style = null)
    {
        return CdaXmlOutput.Document(
            w =>
            {
                w.WriteAttributeString("xmlns", "xsi", null, Xsi);
                w.WriteAttributeString("xmlns", "identity", null, Identity);
                w.WriteAttributeString("xmlns", "address", null, AddressNs);
                w.WriteAttributeString("xmlns", "medService", null, MedService);
                w.WriteAttributeString("xmlns", "fias", null, Fias);
                new CdaHeaderWriter(w, style ?? CdaStyle.Plain).Header(h);
            },
            body);
    }

    /// <summary>Writes an <c>addr</c> and <c>telecom</c>s outside the header (kind-specific parts) in the given style.</summary>
    public static void ContactOf(XmlWriter w, CdaStyle style, IEnumerable<CdaTelecom> telecoms, CdaAddress? address)
    {
        var writer = new CdaHeaderWriter(w, style);
        writer.Telecoms(telecoms);
        writer.Address(address);
    }

    private void Header(CdaHeader h)
    {
        Empty(w, "realmCode", ("code", "RU"));
        Empty(w, "typeId", ("root", "2.16.840.1.113883.1.3"), ("extension", "POCD_MT000040"));
        Empty(w, "templateId", ("root", h.TemplateId));
        Empty(w, "id", ("root", h.IdRoot), ("extension", h.IdExtension));
        w.WriteStartElement("code");
        CodedAttributes(w, h.Code);
        foreach (var t in h.Translations)
        {
            Coded(w, "translation", t);
        }

        w.WriteEndElement();
        Text(w, "title", h.Title);
        Time(w, "effectiveTime", h.EffectiveTime, "NA");
        Coded(w, "confidentialityCode", h.Confidentiality);
        Empty(w, "languageCode", ("code", "ru-RU"));
        Empty(w, "setId", ("root", h.SetIdRoot), ("extension", h.SetIdExtension));
        Empty(w, "versionNumber", ("value", h.Version.ToString(CultureInfo.InvariantCulture)));
        RecordTarget(h.Patient);

        w.WriteStartElement("author");
        Time(w, "time", h.AuthorTime, "NI");
        w.WriteStartElement("assignedAuthor");
        Staff(h.Author, withSnils: true, withOrganization: true);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("custodian");
        w.WriteStartElement("assignedCustodian");
        w.WriteStartElement("representedCustodianOrganization");
        w.WriteAttributeString("classCode", "ORG");
        Empty(w, "id", ("root", h.Custodian.Oid));
        Text(w, "name", h.Custodian.Name ?? string.Empty);
        Telecoms(h.Custodian.Telecoms.Take(1));
        Address(h.Custodian.Address);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("informationRecipient");
        w.WriteStartElement("intendedRecipient");
        w.WriteStartElement("receivedOrganization");
        Empty(w, "id", ("root", MinzdravOid));
        Text(w, "name", "Министерство здравоохранения Российской Федерации");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("legalAuthenticator");
        Time(w, "time", style.LegalTimeAlwaysNull ? null : h.LegalTime, "NI");
        Empty(w, "signatureCode", ("nullFlavor", "NI"));
        w.WriteStartElement("assignedEntity");
        Staff(h.LegalAuthenticator, withSnils: true, withOrganization: true);
        w.WriteEndElement();
        w.WriteEndElement();
        style.AfterLegalAuthenticator?.Invoke(w);

        if (h.ServiceEvent is { } e)
        {
            w.WriteStartElement("documentationOf");
            w.WriteStartElement("serviceEvent");
            if (e.Code is not null)
            {
                Coded(w, "code", e.Code);
            }

            if (style.ServiceEventPointTime)
            {
                Time(w, "effectiveTime", e.High ?? e.Low, "NI");
            }
            else
            {
                Interval(e.Low, e.High);
            }

            if (e.ServiceForm is not null)
            {
                Coded(w, "serviceForm", e.ServiceForm, MedService);
            }

            if (e.ServiceType is not null)
            {
                Coded(w, "serviceType", e.ServiceType, MedService);
            }

            if (e.ServiceCond is not null)
            {
                Coded(w, "serviceCond", e.ServiceCond, MedService);
            }

            foreach (var p in e.Performers)
            {
                w.WriteStartElement("performer");
                w.WriteAttributeString("typeCode", p.TypeCode);
                w.WriteStartElement("assignedEntity");
                Staff(p.Staff, withSnils: false, withOrganization: p.Staff.Organization is not null);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        if (h.Encounter is { } enc)
        {
            w.WriteStartElement("componentOf");
            w.WriteStartElement("encompassingEncounter");
            foreach (var (root, extension) in enc.Ids)
            {
                Empty(w, "id", ("root", root), ("extension", extension));
            }

            if (enc.Code is not null)
            {
                Coded(w, "code", enc.Code);
            }

            if (enc.DocType is not null)
            {
                w.WriteStartElement("DocType", MedService);
                if (style.XsiTypes)
                {
                    w.WriteAttributeString("xsi", "type", Xsi, "CD");
                }

                CodedAttributes(w, enc.DocType);
                w.WriteEndElement();
            }

            Interval(enc.Low, enc.High);
            if (enc.DischargeDisposition is not null)
            {
                Coded(w, "dischargeDispositionCode", enc.DischargeDisposition);
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }
    }

    private void RecordTarget(CdaPatient p)
    {
        w.WriteStartElement("recordTarget");
        w.WriteStartElement("patientRole");
        Id(p.LocalIdRoot, p.LocalId);
        Id("1.2.643.100.3", p.Snils);
        w.WriteStartElement("IdentityDoc", Identity);
        if (p.IdentityDocument is { } doc)
        {
            TypedCoded("IdentityCardType", doc.Type, Identity);
            Optional("Series", doc.Series, Identity);
            Optional("Number", doc.Number, Identity);
            Optional("IssueOrgName", doc.IssueOrgName, Identity);
            Optional("IssueOrgCode", doc.IssueOrgCode, Identity);
            if (doc.IssueDate is not null)
            {
                w.WriteStartElement("IssueDate", Identity);
                w.WriteAttributeString("value", doc.IssueDate);
                w.WriteEndElement();
            }
        }
        else
        {
            w.WriteAttributeString("nullFlavor", "NI");
        }

        w.WriteEndElement();
        w.WriteStartElement("InsurancePolicy", Identity);
        if (p.Policy is { } policy)
        {
            TypedCoded("InsurancePolicyType", policy.Type, Identity);
            Optional("Series", policy.Series, Identity);
            Optional("Number", policy.Number, Identity);
        }
        else
        {
            w.WriteAttributeString("nullFlavor", "NI");
        }

        w.WriteEndElement();
        foreach (var a in p.Addresses)
        {
            Address(a);
        }

        Telecoms(p.Telecoms);
        w.WriteStartElement("patient");
        Name(p.Name);
        if (p.Gender is not null)
        {
            Coded(w, "administrativeGenderCode", p.Gender);
        }

        Time(w, "birthTime", p.BirthTime, "UNK");
        w.WriteEndElement();
        if (p.Provider is { } org)
        {
            w.WriteStartElement("providerOrganization");
            OrganizationId(org);
            w.WriteStartElement("Props", Identity);
            Optional("Ogrn", org.Ogrn, Identity);
            w.WriteEndElement();
            Text(w, "name", org.Name ?? string.Empty);
            Telecoms(org.Telecoms);
            Address(org.Address);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void Staff(CdaStaff s, bool withSnils, bool withOrganization)
    {
        Id(s.LocalIdRoot, s.LocalId);
        if (withSnils || s.Snils is not null)
        {
            Id("1.2.643.100.3", s.Snils);
        }

        if (s.Position is not null)
        {
            Coded(w, "code", s.Position);
        }

        Address(s.Address);
        Telecoms(s.Telecoms);
        w.WriteStartElement("assignedPerson");
        Name(s.Name);
        w.WriteEndElement();
        if (withOrganization && s.Organization is { } org)
        {
            w.WriteStartElement("representedOrganization");
            w.WriteAttributeString("classCode", "ORG");
            OrganizationId(org);
            Text(w, "name", org.Name ?? string.Empty);
            Telecoms(org.Telecoms);
            Address(org.Address);
            w.WriteEndElement();
        }
    }

    private void OrganizationId(CdaOrganization org)
    {
        if (org.DepartmentOid is { } department)
        {
            Empty(w, "id", ("root", org.Oid), ("extension", department));
        }
        else
        {
            Empty(w, "id", ("root", org.Oid));
        }
    }

    private void Id(string? root, string? extension)
    {
        if (root is not null && extension is not null)
        {
            Empty(w, "id", ("root", root), ("extension", extension));
        }
        else
        {
            Empty(w, "id", ("nullFlavor", "NI"));
        }
    }

    private void Interval(string? low, string? high)
    {
        w.WriteStartElement("effectiveTime");
        Time(w, "low", low, "NI");
        if (high is not null)
        {
            Empty(w, "high", ("value", high));
        }

        w.WriteEndElement();
    }

    private void Name(CdaName? name)
    {
        if (name is null)
        {
            Empty(w, "name", ("nullFlavor", "NI"));
            return;
        }

        w.WriteStartElement("name");
        Text(w, "family", name.Family);
        Text(w, "given", name.Given);
        Optional("Patronymic", name.Patronymic, Identity);
        w.WriteEndElement();
    }

    private void Telecoms(IEnumerable<CdaTelecom> telecoms)
    {
        foreach (var t in telecoms)
        {
            if (t.Use is null)
            {
                Empty(w, "telecom", ("value", t.Value));
            }
            else
            {
                Empty(w, "telecom", ("use", t.Use), ("value", t.Value));
            }
        }
    }

    private void Address(CdaAddress? a)
    {
        if (a is null)
        {
            return;
        }

        w.WriteStartElement("addr");
        if (a.Type is not null)
        {
            TypedCoded("Type", a.Type, AddressNs);
        }

        Optional("streetAddressLine", a.Text, Hl7);
        if (a.Region is not null)
        {
            TypedCoded("stateCode", a.Region, AddressNs);
        }

        Optional("postalCode", a.PostalCode, Hl7);
        if (a.AoGuid is not null)
        {
            w.WriteStartElement("Address", Fias);
            w.WriteElementString("AOGUID", Fias, a.AoGuid);
            Optional("HOUSEGUID", a.HouseGuid, Fias);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    public static void Coded(XmlWriter w, string name, CdaCode value, string ns = Hl7)
    {
        w.WriteStartElement(name, ns);
        CodedAttributes(w, value);
        w.WriteEndElement();
    }

    public static void CodedAttributes(XmlWriter w, CdaCode value)
    {
        w.WriteAttributeString("code", value.Code);
        w.WriteAttributeString("codeSystem", value.System);
        if (value.SystemName is not null)
        {
            w.WriteAttributeString("codeSystemName", value.SystemName);
        }

        if (value.Version is not null)
        {
            w.WriteAttributeString("codeSystemVersion", value.Version);
        }

        if (value.Display is not null)
        {
            w.WriteAttributeString("displayName", value.Display);
        }
    }

    public static void Time(XmlWriter w, string name, string? ts, string nullFlavor)
    {
        if (ts is null)
        {
            Empty(w, name, ("nullFlavor", nullFlavor));
        }
        else
        {
            Empty(w, name, ("value", ts));
        }
    }

    public static void Text(XmlWriter w, string name, string value) => w.WriteElementString(name, Hl7, value);

    private void Optional(string name, string? value, string ns)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteStartElement(name, ns);
            if (style.XsiTypes && ns is Identity or AddressNs)
            {
                w.WriteAttributeString("xsi", "type", Xsi, "ST");
            }

            w.WriteString(value);
            w.WriteEndElement();
        }
    }

    private void TypedCoded(string name, CdaCode value, string ns)
    {
        w.WriteStartElement(name, ns);
        if (style.XsiTypes)
        {
            w.WriteAttributeString("xsi", "type", Xsi, "CD");
        }

        CodedAttributes(w, value);
        w.WriteEndElement();
    }

    public static void Empty(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name, Hl7);
        foreach (var (attribute, value) in attributes)
        {
            w.WriteAttributeString(attribute, value);
        }

        w.WriteEndElement();
    }

    /// <summary>Writes a section with its narrative (CDA elements in the HL7 namespace) and nested sections.</summary>
    public static void Section(XmlWriter w, CdaSection section, Action<XmlWriter>? entries = null, Func<CdaSection, Action<XmlWriter>?>? nestedEntries = null)
    {
        w.WriteStartElement("component");
        w.WriteStartElement("section");
        Coded(w, "code", section.Code);
        Text(w, "title", section.Title);
        w.WriteStartElement("text");
        if (section.Text is { } text)
        {
            foreach (var node in text.Nodes())
            {
                node.WriteTo(w);
            }
        }

        w.WriteEndElement();
        entries?.Invoke(w);
        foreach (var nested in section.Sections)
        {
            Section(w, nested, nestedEntries?.Invoke(nested), nestedEntries);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }
}
