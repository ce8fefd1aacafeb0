using System.Globalization;
using System.Text;
using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>Writes a <see cref="LaboratoryDocument"/> as SEMD kind 186 CDA: UTF-8 without BOM, LF, two-space indent, no clock, no randomness.</summary>
internal static class Semd186Writer
{
    private const string Hl7 = "urn:hl7-org:v3";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Identity = "urn:hl7-ru:identity";
    private const string AddressNs = "urn:hl7-ru:address";
    private const string MedService = "urn:hl7-ru:medService";
    private const string Fias = "urn:hl7-ru:fias";

    // Directories absent from the shared FNSI snapshots; values as in the official SEMD examples (see Schemas/fhir/laboratory-186.md).
    private static readonly CodedValue ServiceForm = new("1", "1.2.643.5.1.13.13.11.1551", "Формы оказания медицинской помощи", "1.1", "плановая");
    private static readonly CodedValue ServiceType = new("2", "1.2.643.5.1.13.13.11.1034", "Виды медицинской помощи", "4.2", "Первичная врачебная медико-санитарная помощь");
    private static readonly CodedValue ServiceCond = new("2", "1.2.643.5.1.13.13.99.2.322", "Условия оказания медицинской помощи", "2.1", "Амбулаторно, в том числе на дому при вызове медицинского работника");

    public static byte[] Write(LaboratoryDocument d)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("ClinicalDocument", Hl7);
            w.WriteAttributeString("xmlns", "xsi", null, Xsi);
            w.WriteAttributeString("xmlns", "identity", null, Identity);
            w.WriteAttributeString("xmlns", "address", null, AddressNs);
            w.WriteAttributeString("xmlns", "medService", null, MedService);
            w.WriteAttributeString("xmlns", "fias", null, Fias);
            Empty(w, "realmCode", ("code", "RU"));
            Empty(w, "typeId", ("root", "2.16.840.1.113883.1.3"), ("extension", "POCD_MT000040"));
            Empty(w, "templateId", ("root", "1.2.643.5.1.13.13.14.7.9.5"));
            Empty(w, "id", ("root", d.IdRoot), ("extension", d.IdExtension));
            Coded(w, "code", d.DocumentType);
            Text(w, "title", d.Title);
            Empty(w, "effectiveTime", ("value", Ts(d.Date)));
            Coded(w, "confidentialityCode", d.Confidentiality);
            Empty(w, "languageCode", ("code", "ru-RU"));
            Empty(w, "setId", ("root", d.SetIdRoot), ("extension", d.SetIdExtension));
            Empty(w, "versionNumber", ("value", d.Version.ToString(CultureInfo.InvariantCulture)));
            RecordTarget(w, d);

            w.WriteStartElement("author");
            Empty(w, "time", ("nullFlavor", "NI"));
            w.WriteStartElement("assignedAuthor");
            StaffBody(w, d.Author, withSnils: true, withOrganization: true);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("custodian");
            w.WriteStartElement("assignedCustodian");
            w.WriteStartElement("representedCustodianOrganization");
            w.WriteAttributeString("classCode", "ORG");
            Empty(w, "id", ("root", d.Custodian.Oid));
            Text(w, "name", d.Custodian.Name);
            Telecom(w, d.Custodian.Phone);
            Address(w, d.Custodian.Address);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("informationRecipient");
            w.WriteStartElement("intendedRecipient");
            w.WriteStartElement("receivedOrganization");
            Empty(w, "id", ("root", "1.2.643.5.1.13"));
            Text(w, "name", "Министерство здравоохранения Российской Федерации");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("legalAuthenticator");
            Empty(w, "time", ("nullFlavor", "NI"));
            Empty(w, "signatureCode", ("nullFlavor", "NI"));
            w.WriteStartElement("assignedEntity");
            StaffBody(w, d.LegalAuthenticator, withSnils: true, withOrganization: true);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("documentationOf");
            w.WriteStartElement("serviceEvent");
            Coded(w, "code", d.ServiceEventCode);
            Empty(w, "effectiveTime", ("value", Ts(d.ServiceTo)));
            Coded(w, "serviceForm", ServiceForm, MedService);
            Coded(w, "serviceType", ServiceType, MedService);
            Coded(w, "serviceCond", ServiceCond, MedService);
            w.WriteStartElement("performer");
            w.WriteAttributeString("typeCode", "PPRF");
            w.WriteStartElement("assignedEntity");
            StaffBody(w, d.Author, withSnils: false, withOrganization: false);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteStartElement("component");
            w.WriteStartElement("structuredBody");
            SpecimensSection(w, d);
            AnalysersSection(w, d);
            ResultsSection(w, d);
            w.WriteEndElement();
            w.WriteEndElement();

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        var bytes = stream.ToArray();
        // XmlWriter ends without a final newline; add one so the file is a proper text file.
        return [.. bytes, (byte)'\n'];
    }

    private static void RecordTarget(XmlWriter w, LaboratoryDocument d)
    {
        var p = d.Patient;
        w.WriteStartElement("recordTarget");
        w.WriteStartElement("patientRole");
        Empty(w, "id", ("root", p.LocalIdRoot), ("extension", p.LocalId));
        Empty(w, "id", ("root", "1.2.643.100.3"), ("extension", p.Snils));
        w.WriteStartElement("IdentityDoc", Identity);
        w.WriteAttributeString("nullFlavor", "NI");
        w.WriteEndElement();
        w.WriteStartElement("InsurancePolicy", Identity);
        if (p.PolicyType is null || string.IsNullOrEmpty(p.PolicyNumber))
        {
            w.WriteAttributeString("nullFlavor", "NI");
        }
        else
        {
            Coded(w, "InsurancePolicyType", p.PolicyType, Identity);
            w.WriteElementString("Number", Identity, p.PolicyNumber);
        }

        w.WriteEndElement();
        Address(w, p.Address);
        w.WriteStartElement("patient");
        Name(w, p.Family, p.Given, p.Patronymic);
        Coded(w, "administrativeGenderCode", p.Gender);
        Empty(w, "birthTime", ("value", p.BirthDate.Replace("-", string.Empty, StringComparison.Ordinal)));
        w.WriteEndElement();
        var org = d.Custodian;
        w.WriteStartElement("providerOrganization");
        if (d.Author.Organization.DepartmentOid is { } department)
        {
            Empty(w, "id", ("root", org.Oid), ("extension", department));
        }
        else
        {
            Empty(w, "id", ("root", org.Oid));
        }

        w.WriteStartElement("Props", Identity);
        if (org.Ogrn is not null)
        {
            w.WriteElementString("Ogrn", Identity, org.Ogrn);
        }

        w.WriteEndElement();
        Text(w, "name", org.Name);
        Telecom(w, org.Phone);
        Address(w, org.Address);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void StaffBody(XmlWriter w, StaffInfo s, bool withSnils, bool withOrganization)
    {
        Empty(w, "id", ("root", s.LocalIdRoot), ("extension", s.LocalId));
        if (withSnils)
        {
            Empty(w, "id", ("root", "1.2.643.100.3"), ("extension", s.Snils));
        }

        Coded(w, "code", s.Position);
        w.WriteStartElement("assignedPerson");
        Name(w, s.Family, s.Given, s.Patronymic);
        w.WriteEndElement();
        if (withOrganization)
        {
            var org = s.Organization;
            w.WriteStartElement("representedOrganization");
            w.WriteAttributeString("classCode", "ORG");
            if (org.DepartmentOid is { } department)
            {
                Empty(w, "id", ("root", org.Oid), ("extension", department));
            }
            else
            {
                Empty(w, "id", ("root", org.Oid));
            }

            Text(w, "name", org.Name);
            Telecom(w, org.Phone);
            Address(w, org.Address);
            w.WriteEndElement();
        }
    }

    private static void SpecimensSection(XmlWriter w, LaboratoryDocument d)
    {
        StartSection(w, d.SectionSpecimens);
        w.WriteStartElement("text");
        Table(w, ["Биоматериал", "Взятие", "Поступление в лабораторию"],
            d.Specimens.Select(s => new[] { s.Type.Display, Human(s.CollectedFrom), Human(s.Received) }));
        w.WriteEndElement();
        foreach (var s in d.Specimens)
        {
            w.WriteStartElement("entry");
            w.WriteStartElement("organizer");
            w.WriteAttributeString("classCode", "CLUSTER");
            w.WriteAttributeString("moodCode", "EVN");
            Empty(w, "statusCode", ("code", "completed"));
            Empty(w, "effectiveTime", ("value", Ts(s.Received)));
            w.WriteStartElement("component");
            w.WriteStartElement("procedure");
            w.WriteAttributeString("classCode", "PROC");
            w.WriteAttributeString("moodCode", "EVN");
            Empty(w, "code", ("nullFlavor", "NI"));
            Empty(w, "statusCode", ("code", "completed"));
            w.WriteStartElement("effectiveTime");
            Empty(w, "low", ("value", Ts(s.CollectedFrom)));
            Empty(w, "high", ("value", Ts(s.CollectedTo)));
            w.WriteEndElement();
            w.WriteStartElement("specimen");
            w.WriteStartElement("specimenRole");
            Empty(w, "id", ("root", s.IdRoot), ("extension", s.Id));
            w.WriteStartElement("specimenPlayingEntity");
            w.WriteAttributeString("classCode", "ENT");
            w.WriteAttributeString("determinerCode", "INSTANCE");
            Coded(w, "code", s.Type);
            w.WriteStartElement("quantity");
            if (s.Quantity is { } q && s.QuantityUnit is { } unit)
            {
                w.WriteAttributeString("value", Num(q));
                w.WriteAttributeString("unit", s.QuantityUnitSymbol);
                Translation(w, unit, q);
            }
            else
            {
                w.WriteAttributeString("nullFlavor", "NI");
            }

            w.WriteEndElement();
            if (!string.IsNullOrWhiteSpace(s.Description))
            {
                Text(w, "desc", s.Description);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        EndSection(w);
    }

    private static void AnalysersSection(XmlWriter w, LaboratoryDocument d)
    {
        StartSection(w, d.SectionAnalysers);
        w.WriteStartElement("text");
        Table(w, ["Оборудование"], d.Devices.Select(x => new[] { x.Model }));
        w.WriteEndElement();
        w.WriteStartElement("entry");
        w.WriteStartElement("organizer");
        w.WriteAttributeString("classCode", "CLUSTER");
        w.WriteAttributeString("moodCode", "EVN");
        Empty(w, "statusCode", ("code", "completed"));
        foreach (var device in d.Devices)
        {
            w.WriteStartElement("participant");
            w.WriteAttributeString("typeCode", "DEV");
            w.WriteStartElement("participantRole");
            w.WriteAttributeString("classCode", "ROL");
            Empty(w, "id", ("root", device.IdRoot), ("extension", device.Id));
            w.WriteStartElement("playingDevice");
            Text(w, "manufacturerModelName", device.Model);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        EndSection(w);
    }

    private static void ResultsSection(XmlWriter w, LaboratoryDocument d)
    {
        StartSection(w, d.SectionResults);
        w.WriteStartElement("text");
        Table(w, ["Показатель", "Результат", "Единицы измерения", "Референсные значения", "Интерпретация"],
            d.Results.Select(r => new[] { r.Test.Display, Num(r.Value), r.UnitSymbol, RangeText(r), r.Interpretation.Display }));
        w.WriteEndElement();
        w.WriteStartElement("entry");
        w.WriteStartElement("organizer");
        w.WriteAttributeString("classCode", "CLUSTER");
        w.WriteAttributeString("moodCode", "EVN");
        Empty(w, "statusCode", ("code", "completed"));
        w.WriteStartElement("component");
        w.WriteStartElement("organizer");
        w.WriteAttributeString("classCode", "BATTERY");
        w.WriteAttributeString("moodCode", "EVN");
        w.WriteStartElement("code");
        w.WriteAttributeString("nullFlavor", "OTH");
        Text(w, "originalText", "Отдельные лабораторные тесты");
        w.WriteEndElement();
        Empty(w, "statusCode", ("code", "completed"));
        foreach (var r in d.Results)
        {
            w.WriteStartElement("component");
            w.WriteStartElement("observation");
            w.WriteAttributeString("classCode", "OBS");
            w.WriteAttributeString("moodCode", "EVN");
            Coded(w, "code", r.Test);
            Empty(w, "statusCode", ("code", "completed"));
            Empty(w, "effectiveTime", ("value", Ts(r.Effective)));
            w.WriteStartElement("value");
            w.WriteAttributeString("xsi", "type", Xsi, "PQ");
            w.WriteAttributeString("value", Num(r.Value));
            w.WriteAttributeString("unit", r.UnitSymbol);
            Translation(w, r.Unit, r.Value);
            w.WriteEndElement();
            Coded(w, "interpretationCode", r.Interpretation);
            w.WriteStartElement("specimen");
            w.WriteStartElement("specimenRole");
            Empty(w, "id", ("root", r.Specimen.IdRoot), ("extension", r.Specimen.Id));
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("performer");
            w.WriteStartElement("assignedEntity");
            Empty(w, "id", ("root", r.Performer.LocalIdRoot), ("extension", r.Performer.LocalId));
            Coded(w, "code", r.Performer.Position);
            w.WriteStartElement("assignedPerson");
            Name(w, r.Performer.Family, r.Performer.Given, r.Performer.Patronymic);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("participant");
            w.WriteAttributeString("typeCode", "DEV");
            w.WriteStartElement("participantRole");
            w.WriteAttributeString("classCode", "ROL");
            Empty(w, "id", ("root", r.Device.IdRoot), ("extension", r.Device.Id));
            w.WriteEndElement();
            w.WriteEndElement();
            if (r.Low is not null && r.High is not null)
            {
                w.WriteStartElement("referenceRange");
                w.WriteStartElement("observationRange");
                Text(w, "text", RangeText(r));
                w.WriteStartElement("value");
                w.WriteAttributeString("xsi", "type", Xsi, "IVL_PQ");
                Bound(w, "low", r.Low.Value, r);
                Bound(w, "high", r.High.Value, r);
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        EndSection(w);
    }

    private static void Bound(XmlWriter w, string name, decimal value, ResultInfo r)
    {
        w.WriteStartElement(name);
        w.WriteAttributeString("value", Num(value));
        w.WriteAttributeString("unit", r.UnitSymbol);
        w.WriteAttributeString("inclusive", "true");
        Translation(w, r.Unit, value);
        w.WriteEndElement();
    }

    private static string RangeText(ResultInfo r) =>
        r.RangeText ?? (r.Low is not null && r.High is not null ? $"{Num(r.Low.Value)} - {Num(r.High.Value)} {r.UnitSymbol}" : "-");

    private static void StartSection(XmlWriter w, CodedValue code)
    {
        w.WriteStartElement("component");
        w.WriteStartElement("section");
        Coded(w, "code", code);
        Text(w, "title", code.Display);
    }

    private static void EndSection(XmlWriter w)
    {
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Table(XmlWriter w, string[] header, IEnumerable<string[]> rows)
    {
        w.WriteStartElement("table");
        w.WriteStartElement("thead");
        w.WriteStartElement("tr");
        foreach (var h in header)
        {
            w.WriteElementString("th", Hl7, h);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("tbody");
        foreach (var row in rows)
        {
            w.WriteStartElement("tr");
            foreach (var cell in row)
            {
                w.WriteElementString("td", Hl7, cell);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Translation(XmlWriter w, CodedValue unit, decimal value)
    {
        w.WriteStartElement("translation");
        CodedAttributes(w, unit);
        w.WriteAttributeString("value", Num(value));
        w.WriteEndElement();
    }

    private static void Name(XmlWriter w, string family, string given, string? patronymic)
    {
        w.WriteStartElement("name");
        Text(w, "family", family);
        Text(w, "given", given);
        if (!string.IsNullOrWhiteSpace(patronymic))
        {
            w.WriteElementString("Patronymic", Identity, patronymic);
        }

        w.WriteEndElement();
    }

    private static void Telecom(XmlWriter w, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(phone))
        {
            Empty(w, "telecom", ("use", "WP"), ("value", "tel:" + phone.Replace(" ", string.Empty, StringComparison.Ordinal)));
        }
    }

    private static void Address(XmlWriter w, PostalAddress a)
    {
        w.WriteStartElement("addr");
        if (a.Type is not null)
        {
            Coded(w, "Type", a.Type, AddressNs);
        }

        Text(w, "streetAddressLine", a.Text);
        Coded(w, "stateCode", a.Region, AddressNs);
        Text(w, "postalCode", a.PostalCode);
        w.WriteStartElement("Address", Fias);
        w.WriteElementString("AOGUID", Fias, a.AoGuid);
        w.WriteElementString("HOUSEGUID", Fias, a.HouseGuid);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Coded(XmlWriter w, string name, CodedValue value, string ns = Hl7)
    {
        w.WriteStartElement(name, ns);
        CodedAttributes(w, value);
        w.WriteEndElement();
    }

    private static void CodedAttributes(XmlWriter w, CodedValue value)
    {
        w.WriteAttributeString("code", value.Code);
        w.WriteAttributeString("codeSystem", value.System);
        w.WriteAttributeString("codeSystemName", value.SystemName);
        w.WriteAttributeString("codeSystemVersion", value.Version);
        w.WriteAttributeString("displayName", value.Display);
    }

    private static void Text(XmlWriter w, string name, string value) => w.WriteElementString(name, Hl7, value);

    private static void Empty(XmlWriter w, string name, params (string Name, string Value)[] attributes)
    {
        w.WriteStartElement(name);
        foreach (var (attribute, value) in attributes)
        {
            w.WriteAttributeString(attribute, value);
        }

        w.WriteEndElement();
    }

    private static string Ts(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        offset = offset.Duration();
        return value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + sign + offset.ToString("hhmm", CultureInfo.InvariantCulture);
    }

    private static string Human(DateTimeOffset value) => value.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
