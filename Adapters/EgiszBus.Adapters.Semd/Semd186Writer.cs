using System.Globalization;
using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Writes a <see cref="LaboratoryDocument"/> as SEMD kind 186 CDA: the common header by <see cref="CdaHeaderWriter"/> in the 186 <see cref="Style"/>,
/// the body (specimens, analysers, results) here. UTF-8 without BOM, LF, two-space indent, no clock, no randomness.
/// </summary>
internal static class Semd186Writer
{
    private const string Hl7 = "urn:hl7-org:v3";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Identity = "urn:hl7-ru:identity";

    /// <summary>How 186 revision 5 wants the common header: no xsi:types, no signing times, serviceEvent time as one value.</summary>
    public static readonly CdaStyle Style = new(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null, ServiceEventPointTime: true);

    /// <summary>Writes the document: the common header by <see cref="CdaHeaderWriter"/>, then the three 186 sections.</summary>
    public static byte[] Write(LaboratoryDocument d) => CdaHeaderWriter.Document(d.Header, w =>
    {
        SpecimensSection(w, d);
        AnalysersSection(w, d);
        ResultsSection(w, d);
    }, Style);

    private static void SpecimensSection(XmlWriter w, LaboratoryDocument d)
    {
        StartSection(w, d.SectionSpecimens, ["Биоматериал", "Взятие", "Поступление в лабораторию"],
            d.Specimens.Select(s => new[] { s.Type.Display, Human(s.CollectedFrom), Human(s.Received) }));
        foreach (var s in d.Specimens)
        {
            StartCluster(w);
            Empty(w, "effectiveTime", ("value", CdaTime.Of(s.Received)));
            w.WriteStartElement("component");
            w.WriteStartElement("procedure");
            w.WriteAttributeString("classCode", "PROC");
            w.WriteAttributeString("moodCode", "EVN");
            Empty(w, "code", ("nullFlavor", "NI"));
            Empty(w, "statusCode", ("code", "completed"));
            w.WriteStartElement("effectiveTime");
            Empty(w, "low", ("value", CdaTime.Of(s.CollectedFrom)));
            Empty(w, "high", ("value", CdaTime.Of(s.CollectedTo)));
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
        StartSection(w, d.SectionAnalysers, ["Оборудование"], d.Devices.Select(x => new[] { x.Model }));
        StartCluster(w);
        foreach (var device in d.Devices)
        {
            StartDeviceParticipant(w, device);
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
        StartSection(w, d.SectionResults, ["Показатель", "Результат", "Единицы измерения", "Референсные значения", "Интерпретация"],
            d.Results.Select(r => new[] { r.Test.Display, Num(r.Value), r.UnitSymbol, RangeText(r), r.Interpretation.Display }));
        StartCluster(w);
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
            Empty(w, "effectiveTime", ("value", CdaTime.Of(r.Effective)));
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
            Empty(w, "id", ("root", r.Performer.LocalIdRoot!), ("extension", r.Performer.LocalId!));
            CdaHeaderWriter.Coded(w, "code", r.Performer.Position!);
            w.WriteStartElement("assignedPerson");
            Name(w, r.Performer.Name!.Family, r.Performer.Name.Given, r.Performer.Name.Patronymic);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            StartDeviceParticipant(w, r.Device);
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

    /// <summary>Opens <c>component/section</c> with its code, title and the narrative table.</summary>
    private static void StartSection(XmlWriter w, CodedValue code, string[] header, IEnumerable<string[]> rows)
    {
        w.WriteStartElement("component");
        w.WriteStartElement("section");
        Coded(w, "code", code);
        Text(w, "title", code.Display);
        w.WriteStartElement("text");
        Table(w, header, rows);
        w.WriteEndElement();
    }

    /// <summary>Opens <c>entry/organizer</c> (CLUSTER, EVN, completed).</summary>
    private static void StartCluster(XmlWriter w)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("organizer");
        w.WriteAttributeString("classCode", "CLUSTER");
        w.WriteAttributeString("moodCode", "EVN");
        Empty(w, "statusCode", ("code", "completed"));
    }

    /// <summary>Opens <c>participant/participantRole</c> of a device (DEV, ROL) with its id.</summary>
    private static void StartDeviceParticipant(XmlWriter w, DeviceInfo device)
    {
        w.WriteStartElement("participant");
        w.WriteAttributeString("typeCode", "DEV");
        w.WriteStartElement("participantRole");
        w.WriteAttributeString("classCode", "ROL");
        Empty(w, "id", ("root", device.IdRoot), ("extension", device.Id));
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

    private static string Human(DateTimeOffset value) => value.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
