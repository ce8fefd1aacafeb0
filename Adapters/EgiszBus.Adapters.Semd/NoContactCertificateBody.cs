using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads and writes the body of kind 80 (DOCINFO with fields 837, 12007, 10001, 7000).</summary>
internal sealed class NoContactCertificateBody(FhirHeaderReader reader, Composition composition)
{
    private const string C = "Bundle.entry[0].resource";

    public NoContactCertificateDocInfo? Read()
    {
        var index = composition.Section.FindIndex(s => s.Code?.Coding.Any(x => x.System == "urn:oid:" + LaboratoryFhirToSemdTranslator.SectionSystem && x.Code == "DOCINFO") == true);
        if (index < 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Composition.section с кодом DOCINFO (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
            return null;
        }

        var path = $"{C}.section[{index}]";
        var fhir = composition.Section[index];
        var section = reader.Section(fhir, path);
        CdaCode? careOrder = null;
        bool? contact = null;
        string? contactNote = null;
        string? note = null;
        var periods = new List<(string, string)>();
        for (var e = 0; e < fhir.Entry.Count; e++)
        {
            var p = $"{path}.entry[{e}]";
            if (reader.Resolve(fhir.Entry[e], p) is not { Resource: Observation observation } target)
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, "section.entry должен ссылаться на Observation", p);
                continue;
            }

            var op = $"Bundle.entry[{target.Index}].resource";
            var field = observation.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + NoContactCertificateFhirToSemdTranslator.FieldSystem);
            if (field?.Code is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Observation.code: coding urn:oid:1.2.643.5.1.13.13.99.2.166 обязателен", op + ".code");
                continue;
            }

            switch (field.Code)
            {
                case "837" when careOrder is not null:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "Поле 837 (порядок оказания медицинской помощи) допускается один раз", op + ".code");
                    break;
                case "837":
                    var value = (observation.Value as CodeableConcept)?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + NoContactCertificateFhirToSemdTranslator.CareOrderSystem);
                    if (value?.Code is null)
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "valueCodeableConcept: coding urn:oid:1.2.643.5.1.13.13.99.2.725 (код 8 или 26) обязателен", op + ".value");
                    }
                    else if (value.Code is not ("8" or "26"))
                    {
                        reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {value.Code} справочника 1.2.643.5.1.13.13.99.2.725 не допускается для вида 80 (только 8 или 26)", op + ".value");
                    }
                    else
                    {
                        careOrder = NoContactCertificateFhirToSemdTranslator.Unverified[(NoContactCertificateFhirToSemdTranslator.CareOrderSystem, value.Code)];
                    }

                    break;
                case "12007" when contact is not null:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "Поле 12007 (наличие контакта) допускается один раз", op + ".code");
                    break;
                case "12007":
                    if (observation.Value is not FhirBoolean { Value: { } flag })
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "valueBoolean обязателен (наличие контакта с инфекционными больными)", op + ".value");
                    }
                    else
                    {
                        contact = flag;
                        contactNote = observation.Note.FirstOrDefault()?.Text;
                    }

                    break;
                case "10001" when periods.Count == 2:
                    reader.Problem(TranslationErrorCodes.InvalidValue, "Поле 10001 (период) допускается не более двух раз", op + ".code");
                    break;
                case "10001":
                    var period = observation.Effective as Period;
                    var low = CdaTime.ToTs(period?.Start);
                    var high = CdaTime.ToTs(period?.End);
                    if (low is null || high is null)
                    {
                        reader.Problem(TranslationErrorCodes.MissingElement, "effectivePeriod.start и effectivePeriod.end обязательны (yyyy-MM-dd)", op + ".effective");
                    }
                    else if (string.CompareOrdinal(low[..8], high[..8]) > 0)
                    {
                        reader.Problem(TranslationErrorCodes.InvalidValue, "effectivePeriod.start позже effectivePeriod.end", op + ".effective");
                    }
                    else
                    {
                        periods.Add((NoContactCertificateFhirToSemdTranslator.Minutes(low)!, NoContactCertificateFhirToSemdTranslator.Minutes(high)!));
                    }

                    break;
                case "7000":
                    if (observation.Value is not FhirString { Value: { Length: > 0 } text } || note is not null)
                    {
                        reader.Problem(TranslationErrorCodes.InvalidValue, "Поле 7000: один valueString с текстом", op + ".value");
                    }
                    else
                    {
                        note = text;
                    }

                    break;
                default:
                    reader.Problem(TranslationErrorCodes.UnknownCode, $"Поле {field.Code} справочника 1.2.643.5.1.13.13.99.2.166 не поддерживается для вида 80 (837, 12007, 10001, 7000)", op + ".code");
                    break;
            }
        }

        if (careOrder is null && !fhir.Entry.Any(r => reader.Resolve(r, path) is { Resource: Observation o } && o.Code?.Coding.Any(x => x.Code == "837") == true))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "DOCINFO: Observation «Заключение» (поле 837, значение 1.2.643.5.1.13.13.99.2.725) обязателен", path + ".entry");
        }

        return section is null || careOrder is null ? null : new NoContactCertificateDocInfo(section, careOrder, contact, contactNote, periods, note);
    }

    public void Write(XmlWriter w, NoContactCertificateDocInfo info)
    {
        CdaHeaderWriter.Section(w, info.Section with { Sections = [] }, x =>
        {
            Observation(x, Field("837"), null, null, v => CdaValue.Cd(v, info.CareOrder));
            if (info.Contact is { } contact)
            {
                Observation(x, Field("12007"), info.ContactNote ?? string.Empty, null, v => CdaValue.Bl(v, contact));
            }

            foreach (var period in info.Periods)
            {
                Observation(x, Field("10001"), null, period, null);
            }

            if (info.Note is { } note)
            {
                Observation(x, Field("7000"), null, null, v => CdaValue.St(v, note));
            }
        });
    }

    private static CdaCode Field(string code) => NoContactCertificateFhirToSemdTranslator.Unverified[(NoContactCertificateFhirToSemdTranslator.FieldSystem, code)];

    private static void Observation(XmlWriter w, CdaCode code, string? text, (string Low, string High)? period, Action<XmlWriter>? value)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", code);
        if (text is not null)
        {
            if (text.Length == 0)
            {
                CdaHeaderWriter.Empty(w, "text", ("nullFlavor", "NI"));
            }
            else
            {
                CdaHeaderWriter.Text(w, "text", text);
            }
        }

        if (period is { } p)
        {
            w.WriteStartElement("effectiveTime");
            CdaHeaderWriter.Empty(w, "low", ("value", p.Low));
            CdaHeaderWriter.Empty(w, "high", ("value", p.High));
            w.WriteEndElement();
        }

        if (value is not null)
        {
            w.WriteStartElement("value");
            value(w);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }
}
