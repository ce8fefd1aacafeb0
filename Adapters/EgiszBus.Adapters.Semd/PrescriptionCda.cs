using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Parts shared by the prescription kinds 148 (<see cref="PrescriptionFhirToSemdTranslator"/>) and 141
/// (<see cref="PreferentialPrescriptionFhirToSemdTranslator"/>): the declared kind, the document writing with the
/// serviceEvent after legalAuthenticator, the <c>identity:Ogrnip</c> the shared header writer does not write, and the reading and
/// writing of a prescribed product (<see cref="PrescriptionItem"/>).
/// </summary>
internal static partial class PrescriptionCda
{
    /// <summary>The 1520 kind declared by the Bundle's Composition, or null when the first entry is not a Composition.</summary>
    public static string? DeclaredKind(Bundle bundle) =>
        bundle.Entry.FirstOrDefault()?.Resource is Composition composition
            ? composition.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code
            : null;

    /// <summary>
    /// True (with a WRONG_KIND problem at <c>Composition.type</c>) when the Bundle's Composition declares another 1520 kind than
    /// <paramref name="kind"/>.
    /// </summary>
    public static bool DeclaresOtherKind(Bundle bundle, string kind, FhirHeaderReader reader)
    {
        if (bundle.Entry.FirstOrDefault()?.Resource is not Composition || DeclaredKind(bundle) == kind)
        {
            return false;
        }

        reader.Problem(TranslationErrorCodes.WrongDocumentKind, $"Composition.type должен содержать код {kind} справочника 1.2.643.5.1.13.13.11.1520", "Bundle.entry[0].resource.type");
        return true;
    }

    /// <summary>
    /// Writes the document: the shared header (no xsi types, no legalAuthenticator time), <c>documentationOf/serviceEvent</c> with only
    /// code and effectiveTime after legalAuthenticator, the body, and <c>identity:Ogrnip nullFlavor="NA"</c> after every <c>identity:Ogrn</c>.
    /// </summary>
    public static byte[] Document(CdaHeader header, Action<XmlWriter> body, CdaCode eventCode, string? eventTime)
    {
        var style = new CdaStyle(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: w => DocumentationOf(w, eventCode, eventTime));
        return WithOgrnip(CdaHeaderWriter.Document(header, body, style));
    }

    /// <summary>A TS with seconds cut to minutes (<c>yyyyMMddHHmm±zzzz</c>); other forms unchanged.</summary>
    public static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    /// <summary>The course dates (TS) and its length in days from <c>timing.repeat.boundsPeriod</c>; problems when missing or reversed.</summary>
    public static (string? Start, string? End, int Days) Course(FhirHeaderReader reader, Timing.RepeatComponent? repeat, string dp)
    {
        var bounds = repeat?.Bounds as Period;
        var start = CdaTime.ToTs(bounds?.Start);
        var end = CdaTime.ToTs(bounds?.End);
        var days = 0;
        if (start is null || end is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Срок приёма: timing.repeat.boundsPeriod со start и end (даты) обязателен", dp + ".timing.repeat.bounds");
        }
        else
        {
            days = DateOnly.ParseExact(end[..8], "yyyyMMdd").DayNumber - DateOnly.ParseExact(start[..8], "yyyyMMdd").DayNumber + 1;
            if (days < 1)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "timing.repeat.boundsPeriod.end раньше start", dp + ".timing.repeat.bounds");
            }
        }

        return (start, end, days);
    }

    /// <summary>The single dose (<c>doseAndRate[0].doseQuantity</c>, value &gt; 0) and its 1358 unit; 0 and null with a problem when missing.</summary>
    public static (decimal Value, (CdaCode Code, string Ucum)? Unit) Dose(FhirHeaderReader reader, PrescriptionCoding coding, Dosage dosage, string dp)
    {
        var dose = dosage.DoseAndRate.FirstOrDefault()?.Dose as Quantity;
        if (dose?.Value is not { } doseValue || doseValue <= 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Разовая доза: doseAndRate[0].doseQuantity (value > 0, system urn:oid:1.2.643.5.1.13.13.11.1358, code) обязательна", dp + ".doseAndRate[0].doseQuantity");
            return (0, null);
        }

        return (doseValue, coding.Unit(reader, UnitCode(dose), dp + ".doseAndRate[0].doseQuantity.code", shortName: false));
    }

    /// <summary>The code of a quantity in 1.2.643.5.1.13.13.11.1358, or null for another system.</summary>
    public static string? UnitCode(Quantity q) => q.System == "urn:oid:1.2.643.5.1.13.13.11.1358" ? q.Code : null;

    /// <summary>A decimal as written in CDA attributes (invariant culture).</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes the RECIPE entry of one product: <c>substanceAdministration</c> with the course dates, route and product, the dosage
    /// (course length, frequency, single dose) and the quantity prescribed (6011). <paramref name="nullCode"/> writes <c>code nullFlavor="NI"</c> (141).
    /// </summary>
    public static void WriteItem(XmlWriter w, PrescriptionItem item, CdaCode fieldOfQuantity, bool nullCode)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("substanceAdministration");
        w.WriteAttributeString("classCode", "SBADM");
        w.WriteAttributeString("moodCode", "RQO");
        if (nullCode)
        {
            CdaHeaderWriter.Empty(w, "code", ("nullFlavor", "NI"));
        }

        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "IVL_TS");
        CdaHeaderWriter.Empty(w, "low", ("value", item.Start));
        CdaHeaderWriter.Empty(w, "high", ("value", item.End));
        w.WriteEndElement();
        CdaHeaderWriter.Coded(w, "routeCode", item.Route);
        w.WriteStartElement("consumable");
        w.WriteAttributeString("typeCode", "CSM");
        w.WriteStartElement("manufacturedProduct");
        w.WriteAttributeString("classCode", "MANU");
        w.WriteStartElement("manufacturedMaterial");
        w.WriteAttributeString("classCode", "MMAT");
        w.WriteAttributeString("determinerCode", "KIND");
        CdaHeaderWriter.Coded(w, "code", item.Medication);
        if (!string.IsNullOrWhiteSpace(item.Name))
        {
            CdaHeaderWriter.Text(w, "name", item.Name);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        // Dosage: course length (width in days), frequency (PIVL_TS period), single dose.
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        w.WriteStartElement("substanceAdministration");
        w.WriteAttributeString("classCode", "SBADM");
        w.WriteAttributeString("moodCode", "RQO");
        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "IVL_TS");
        Quantity(w, "width", item.Days, "d", item.DayUnit);
        w.WriteEndElement();
        w.WriteStartElement("effectiveTime");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PIVL_TS");
        w.WriteAttributeString("institutionSpecified", "true");
        Quantity(w, "period", item.Period, item.PeriodUcum, item.PeriodUnit);
        w.WriteEndElement();
        Quantity(w, "doseQuantity", item.Dose, item.DoseUcum, item.DoseUnit);
        w.WriteStartElement("consumable");
        w.WriteAttributeString("typeCode", "CSM");
        w.WriteStartElement("manufacturedProduct");
        w.WriteAttributeString("classCode", "MANU");
        CdaHeaderWriter.Empty(w, "manufacturedMaterial", ("nullFlavor", "NA"));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        // Quantity prescribed (6011), in units «U» with the 1358 unit as translation.
        w.WriteStartElement("entryRelationship");
        w.WriteAttributeString("typeCode", "COMP");
        BareObservation(w, fieldOfQuantity, null, x =>
        {
            x.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "PQ");
            x.WriteAttributeString("value", Number(item.Quantity));
            x.WriteAttributeString("unit", "U");
            Translation(x, item.Quantity, item.QuantityUnit);
        });
        w.WriteEndElement();

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A DOCINFO/BENEFITS <c>entry/observation</c> with the field code, an optional effectiveTime and the value written by <paramref name="value"/>.</summary>
    public static void Observation(XmlWriter w, CdaCode code, string? time, Action<XmlWriter> value)
    {
        w.WriteStartElement("entry");
        BareObservation(w, code, time, value);
        w.WriteEndElement();
    }

    /// <summary>An <c>observation</c> (classCode OBS, moodCode EVN) with the field code, an optional effectiveTime and the value written by <paramref name="value"/>.</summary>
    private static void BareObservation(XmlWriter w, CdaCode code, string? time, Action<XmlWriter> value)
    {
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        if (time is not null)
        {
            CdaHeaderWriter.Empty(w, "effectiveTime", ("value", time));
        }

        w.WriteStartElement("value");
        value(w);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Quantity(XmlWriter w, string name, decimal value, string ucum, CdaCode unit)
    {
        w.WriteStartElement(name);
        w.WriteAttributeString("value", Number(value));
        w.WriteAttributeString("unit", ucum);
        Translation(w, value, unit);
        w.WriteEndElement();
    }

    /// <summary>A <c>translation</c> of a quantity into a 1.2.643.5.1.13.13.11.1358 unit.</summary>
    public static void Translation(XmlWriter w, decimal value, CdaCode unit)
    {
        w.WriteStartElement("translation");
        w.WriteAttributeString("value", Number(value));
        CdaHeaderWriter.CodedAttributes(w, unit);
        w.WriteEndElement();
    }

    private static void DocumentationOf(XmlWriter w, CdaCode code, string? time)
    {
        w.WriteStartElement("documentationOf", CdaHeaderWriter.Hl7);
        w.WriteStartElement("serviceEvent", CdaHeaderWriter.Hl7);
        CdaHeaderWriter.Coded(w, "code", code);
        CdaHeaderWriter.Time(w, "effectiveTime", time, "NI");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The 148 and 141 rules want <c>identity:Ogrnip</c> after every <c>identity:Ogrn</c> (null for an organisation); the shared header writes only Ogrn.</summary>
    private static byte[] WithOgrnip(byte[] semd)
    {
        var text = Encoding.UTF8.GetString(semd);
        text = OgrnLine().Replace(text, m => m.Value + m.Groups["indent"].Value + "<identity:Ogrnip nullFlavor=\"NA\" />\n");
        return Encoding.UTF8.GetBytes(text);
    }

    [GeneratedRegex(@"(?m)^(?<indent>[ ]*)<identity:Ogrn>[^<\n]*</identity:Ogrn>\n", RegexOptions.CultureInvariant)]
    private static partial Regex OgrnLine();
}
