using System.Globalization;
using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Writes the CDA header of kind 43 with plain HL7 CDA (POCD_MT000040) elements only: the kind's XSD is the plain CDA schema and
/// refuses the Russian <c>identity:</c>, <c>address:</c>, <c>fias:</c> and <c>medService:</c> extensions. Differences from
/// <see cref="CdaHeaderWriter"/>: the patronymic is a second <c>given</c>; the OGRN is an <c>id</c> with root 1.2.643.100.1;
/// addresses carry <c>use</c> (from the 1.2.643.5.1.13.13.11.1504 type), <c>streetAddressLine</c>, <c>state</c> (region name) and
/// <c>postalCode</c>, without FIAS ids; no identity document nor OMS policy; no <c>documentationOf</c>/<c>componentOf</c>.
/// UTF-8 without BOM, LF, two-space indent, no clock, no randomness.
/// </summary>
internal sealed class HospitalisationReferralCdaWriter
{
    private const string Hl7 = CdaHeaderWriter.Hl7;
    private readonly XmlWriter w;

    private HospitalisationReferralCdaWriter(XmlWriter w)
    {
        this.w = w;
    }

    /// <summary>Writes a whole document: the header, then <paramref name="body"/> inside <c>component/structuredBody</c>.</summary>
    public static byte[] Document(CdaHeader h, Action<XmlWriter> body)
    {
        return CdaXmlOutput.Document(
            w =>
            {
                w.WriteAttributeString("xmlns", "xsi", null, CdaHeaderWriter.Xsi);
                new HospitalisationReferralCdaWriter(w).Header(h);
            },
            body);
    }

    /// <summary>Writes an organisation's id, OGRN id, name, telecoms and address (the content of any CDA organization element).</summary>
    public static void Organization(XmlWriter w, CdaOrganization org, bool withDepartment) =>
        new HospitalisationReferralCdaWriter(w).OrganizationContent(org, withDepartment);

    private void Header(CdaHeader h)
    {
        CdaHeaderWriter.Empty(w, "realmCode", ("code", "RU"));
        CdaHeaderWriter.Empty(w, "typeId", ("root", "2.16.840.1.113883.1.3"), ("extension", "POCD_MT000040"));
        CdaHeaderWriter.Empty(w, "templateId", ("root", h.TemplateId));
        CdaHeaderWriter.Empty(w, "id", ("root", h.IdRoot), ("extension", h.IdExtension));
        CdaHeaderWriter.Coded(w, "code", h.Code);
        CdaHeaderWriter.Text(w, "title", h.Title);
        CdaHeaderWriter.Time(w, "effectiveTime", h.EffectiveTime, "NA");
        CdaHeaderWriter.Coded(w, "confidentialityCode", h.Confidentiality);
        CdaHeaderWriter.Empty(w, "languageCode", ("code", "ru-RU"));
        CdaHeaderWriter.Empty(w, "setId", ("root", h.SetIdRoot), ("extension", h.SetIdExtension));
        CdaHeaderWriter.Empty(w, "versionNumber", ("value", h.Version.ToString(CultureInfo.InvariantCulture)));
        RecordTarget(h.Patient);

        w.WriteStartElement("author");
        CdaHeaderWriter.Time(w, "time", h.AuthorTime ?? h.EffectiveTime, "NI");
        w.WriteStartElement("assignedAuthor");
        Staff(h.Author);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("custodian");
        w.WriteStartElement("assignedCustodian");
        w.WriteStartElement("representedCustodianOrganization");
        CdaHeaderWriter.Empty(w, "id", ("root", h.Custodian.Oid));
        CdaHeaderWriter.Text(w, "name", h.Custodian.Name ?? string.Empty);
        Telecoms(h.Custodian.Telecoms.Take(1));
        Address(h.Custodian.Address);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("informationRecipient");
        w.WriteStartElement("intendedRecipient");
        w.WriteStartElement("receivedOrganization");
        CdaHeaderWriter.Empty(w, "id", ("root", CdaHeaderWriter.MinzdravOid));
        CdaHeaderWriter.Text(w, "name", "Министерство здравоохранения Российской Федерации");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("legalAuthenticator");
        CdaHeaderWriter.Time(w, "time", h.LegalTime, "NI");
        CdaHeaderWriter.Empty(w, "signatureCode", ("code", "S"));
        w.WriteStartElement("assignedEntity");
        Staff(h.LegalAuthenticator);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void RecordTarget(CdaPatient p)
    {
        w.WriteStartElement("recordTarget");
        w.WriteStartElement("patientRole");
        Id(p.LocalIdRoot, p.LocalId);
        Id(LaboratoryFhirToSemdTranslator.SnilsSystem["urn:oid:".Length..], p.Snils);
        foreach (var a in p.Addresses)
        {
            Address(a);
        }

        Telecoms(p.Telecoms);
        w.WriteStartElement("patient");
        Name(p.Name);
        if (p.Gender is not null)
        {
            CdaHeaderWriter.Coded(w, "administrativeGenderCode", p.Gender);
        }

        CdaHeaderWriter.Time(w, "birthTime", p.BirthTime, "UNK");
        w.WriteEndElement();
        if (p.Provider is { } org)
        {
            w.WriteStartElement("providerOrganization");
            OrganizationContent(org, withDepartment: true);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private void Staff(CdaStaff s)
    {
        Id(s.LocalIdRoot, s.LocalId);
        Id(LaboratoryFhirToSemdTranslator.SnilsSystem["urn:oid:".Length..], s.Snils);
        if (s.Position is not null)
        {
            CdaHeaderWriter.Coded(w, "code", s.Position);
        }

        Address(s.Address);
        Telecoms(s.Telecoms);
        w.WriteStartElement("assignedPerson");
        Name(s.Name);
        w.WriteEndElement();
        if (s.Organization is { } org)
        {
            w.WriteStartElement("representedOrganization");
            OrganizationContent(org, withDepartment: true);
            w.WriteEndElement();
        }
    }

    private void OrganizationContent(CdaOrganization org, bool withDepartment)
    {
        if (withDepartment && org.DepartmentOid is { } department)
        {
            CdaHeaderWriter.Empty(w, "id", ("root", org.Oid), ("extension", department));
        }
        else
        {
            CdaHeaderWriter.Empty(w, "id", ("root", org.Oid));
        }

        if (org.Ogrn is { } ogrn)
        {
            CdaHeaderWriter.Empty(w, "id", ("root", "1.2.643.100.1"), ("extension", ogrn));
        }

        CdaHeaderWriter.Text(w, "name", org.Name ?? string.Empty);
        Telecoms(org.Telecoms);
        Address(org.Address);
    }

    private void Id(string? root, string? extension)
    {
        if (root is not null && extension is not null)
        {
            CdaHeaderWriter.Empty(w, "id", ("root", root), ("extension", extension));
        }
        else
        {
            CdaHeaderWriter.Empty(w, "id", ("nullFlavor", "NI"));
        }
    }

    private void Name(CdaName? name)
    {
        if (name is null)
        {
            CdaHeaderWriter.Empty(w, "name", ("nullFlavor", "NI"));
            return;
        }

        w.WriteStartElement("name");
        CdaHeaderWriter.Text(w, "family", name.Family);
        CdaHeaderWriter.Text(w, "given", name.Given);
        if (!string.IsNullOrEmpty(name.Patronymic))
        {
            CdaHeaderWriter.Text(w, "given", name.Patronymic);
        }

        w.WriteEndElement();
    }

    private void Telecoms(IEnumerable<CdaTelecom> telecoms)
    {
        foreach (var t in telecoms)
        {
            if (t.Use is null)
            {
                CdaHeaderWriter.Empty(w, "telecom", ("value", t.Value));
            }
            else
            {
                CdaHeaderWriter.Empty(w, "telecom", ("use", t.Use), ("value", t.Value));
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
        // 1.2.643.5.1.13.13.11.1504: 1 permanent registration, 2 temporary registration, 3 actual residence, 4 study/work.
        var use = a.Type?.Code switch
        {
            "1" => "H",
            "2" => "TMP",
            "3" => "PHYS",
            "4" => "WP",
            _ => null,
        };
        if (use is not null)
        {
            w.WriteAttributeString("use", use);
        }

        if (!string.IsNullOrEmpty(a.Text))
        {
            CdaHeaderWriter.Text(w, "streetAddressLine", a.Text);
        }

        if (a.Region?.Display is { Length: > 0 } region)
        {
            CdaHeaderWriter.Text(w, "state", region);
        }

        if (!string.IsNullOrEmpty(a.PostalCode))
        {
            CdaHeaderWriter.Text(w, "postalCode", a.PostalCode);
        }

        w.WriteEndElement();
    }
}
