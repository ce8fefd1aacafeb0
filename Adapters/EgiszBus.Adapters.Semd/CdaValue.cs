using System.Xml;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Typed CDA <c>value</c> contents (<c>xsi:type</c> plus the value) and the plain coded <c>entry/observation</c> that the body
/// writers of several kinds share.
/// </summary>
internal static class CdaValue
{
    /// <summary>Writes <c>xsi:type="CD"</c> and the coded attributes of <paramref name="value"/>.</summary>
    public static void Cd(XmlWriter w, CdaCode value)
    {
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
        CdaHeaderWriter.CodedAttributes(w, value);
    }

    /// <summary>Writes <c>xsi:type="ST"</c> and <paramref name="text"/> as the element content.</summary>
    public static void St(XmlWriter w, string text)
    {
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "ST");
        w.WriteString(text);
    }

    /// <summary>Writes <c>xsi:type="BL"</c> and the boolean as <c>value</c>.</summary>
    public static void Bl(XmlWriter w, bool value)
    {
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "BL");
        w.WriteAttributeString("value", value ? "true" : "false");
    }

    /// <summary>Writes <c>entry/observation</c> (OBS, EVN) with a code and a value written by <paramref name="value"/>.</summary>
    public static void Observation(XmlWriter w, CdaCode code, Action<XmlWriter> value)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        w.WriteStartElement("value");
        value(w);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
