using System.Globalization;
using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>Writes the coded entries of the kind-147 body (official 147 rules У3-1…У3-47).</summary>
internal static class DischargeSummaryEntries
{
    /// <summary><c>entry/observation</c> with a field code and a typed value (HOSP, ANAM, STATEADM, LANAM, STATEDIS, REGIME facts).</summary>
    public static void Fact(XmlWriter w, DischargeSummaryFact fact)
    {
        w.WriteStartElement("entry");
        Observation(w, fact);
        w.WriteEndElement();
    }

    /// <summary><c>entry/observation</c> of a DGN section: nosological kind, wording, ICD-10 value, validity (7026) when known.</summary>
    public static void Diagnosis(XmlWriter w, DischargeSummaryDiagnosis d)
    {
        w.WriteStartElement("entry");
        StartObservation(w);
        CdaHeaderWriter.Coded(w, "code", d.Kind);
        if (!string.IsNullOrWhiteSpace(d.Text))
        {
            CdaHeaderWriter.Text(w, "text", d.Text);
        }

        Value(w, "CD", d.Icd, null);
        if (d.Validity is { } validity)
        {
            Relationship(w, new DischargeSummaryFact(DischargeSummaryCodes.Field("7026"), "CD", validity, null));
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary><c>entry/encounter</c> of a DEPARTINFO section (У3-16).</summary>
    public static void DepartmentStay(XmlWriter w, DischargeSummaryDepartmentStay stay)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("encounter");
        w.WriteAttributeString("classCode", "ENC");
        w.WriteAttributeString("moodCode", "EVN");
        w.WriteStartElement("effectiveTime");
        CdaHeaderWriter.Empty(w, "low", ("value", stay.Low));
        CdaHeaderWriter.Empty(w, "high", ("value", stay.High));
        w.WriteEndElement();
        w.WriteStartElement("performer");
        w.WriteStartElement("assignedEntity");
        CdaHeaderWriter.Empty(w, "id", ("root", stay.StaffRoot), ("extension", stay.StaffId));
        CdaHeaderWriter.Coded(w, "code", stay.Position);
        w.WriteStartElement("assignedPerson");
        w.WriteStartElement("name");
        CdaHeaderWriter.Text(w, "family", stay.Doctor.Family);
        CdaHeaderWriter.Text(w, "given", stay.Doctor.Given);
        if (stay.Doctor.Patronymic is { } patronymic)
        {
            w.WriteElementString("Patronymic", CdaHeaderWriter.Identity, patronymic);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("participant");
        w.WriteAttributeString("typeCode", "LOC");
        w.WriteStartElement("participantRole");
        w.WriteAttributeString("classCode", "SDLOC");
        CdaHeaderWriter.Empty(w, "id", ("root", stay.DepartmentOid));
        w.WriteStartElement("playingEntity");
        CdaHeaderWriter.Text(w, "name", stay.DepartmentName);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        Relationship(w, new DischargeSummaryFact(DischargeSummaryCodes.Field("6024"), "CD", stay.BedProfile, null));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The one <c>entry/observation</c> 6035 of SERVICES with the count and one act per service (У3-47).</summary>
    public static void Services(XmlWriter w, IReadOnlyList<DischargeSummaryService> services)
    {
        w.WriteStartElement("entry");
        StartObservation(w);
        CdaHeaderWriter.Coded(w, "code", DischargeSummaryCodes.Field("6035"));
        Value(w, "INT", null, services.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var service in services)
        {
            w.WriteStartElement("entryRelationship");
            w.WriteAttributeString("typeCode", "COMP");
            w.WriteStartElement("act");
            w.WriteAttributeString("classCode", "ACT");
            w.WriteAttributeString("moodCode", "EVN");
            CdaHeaderWriter.Empty(w, "id", ("root", service.IdRoot), ("extension", service.IdExtension));
            CdaHeaderWriter.Coded(w, "code", service.Code);
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", service.Time));
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, DischargeSummaryFact fact)
    {
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        Observation(w, fact);
        w.WriteEndElement();
    }

    private static void Observation(XmlWriter w, DischargeSummaryFact fact)
    {
        StartObservation(w);
        CdaHeaderWriter.Coded(w, "code", fact.Field);
        if (fact.Text is { } text)
        {
            CdaHeaderWriter.Text(w, "text", text);
        }

        Value(w, fact.Type, fact.Coded, fact.Value);
        w.WriteEndElement();
    }

    private static void StartObservation(XmlWriter w)
    {
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
    }

    private static void Value(XmlWriter w, string type, CdaCode? coded, string? value)
    {
        w.WriteStartElement("value");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, type);
        switch (type)
        {
            case "CD":
                CdaHeaderWriter.CodedAttributes(w, coded!);
                break;
            case "ST":
                w.WriteString(value);
                break;
            default:
                w.WriteAttributeString("value", value);
                break;
        }

        w.WriteEndElement();
    }
}
