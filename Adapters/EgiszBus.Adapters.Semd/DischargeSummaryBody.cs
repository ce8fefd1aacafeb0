using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>Reads and writes the body of a kind-147 discharge summary: narrative sections, ICD-10 diagnoses in DGN.</summary>
internal sealed class DischargeSummaryBody(FhirHeaderReader reader, Composition composition, IReadOnlyList<string> requiredSections)
{
    internal const string IcdSystem = "1.2.643.5.1.13.13.11.1005";

    // Directories the FNSI snapshots do not hold — the ONE table of unverified codes of kind 147 (values as in the
    // official examples, see the 119 translator): 1.2.643.5.1.13.13.99.2.166 «Кодируемые поля CDA документов» v5.27.
    private static readonly CdaCode FieldDiagnosisCode = new("809", "1.2.643.5.1.13.13.99.2.166", "Кодируемые поля CDA документов", "5.27", "Шифр по МКБ-10");

    private const string C = "Bundle.entry[0].resource";
    private readonly List<(CdaCode Code, string Text)> diagnoses = [];

    /// <summary>The sections in Bundle order (null when a required part is missing; problems are reported).</summary>
    public IReadOnlyList<CdaSection>? Read()
    {
        var sections = new List<(CdaSection Section, int Index)>();
        for (var i = 0; i < composition.Section.Count; i++)
        {
            if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is { } s)
            {
                sections.Add((s, i));
            }
        }

        foreach (var code in requiredSections.Where(code => sections.All(s => s.Section.Code.Code != code)))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
        }

        foreach (var (section, index) in sections.Where(s => string.IsNullOrWhiteSpace(s.Section.Text?.Value)))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Секция {section.Code.Code}: section.text (текст секции) не должен быть пустым", $"{C}.section[{index}].text");
        }

        var dgn = sections.FindIndex(s => s.Section.Code.Code == "DGN");
        if (dgn >= 0)
        {
            ReadDiagnoses(composition.Section[sections[dgn].Index], $"{C}.section[{sections[dgn].Index}]");
        }

        return dgn < 0 || diagnoses.Count == 0 ? null : sections.Select(s => s.Section).ToList();
    }

    private void ReadDiagnoses(Composition.SectionComponent section, string path)
    {
        for (var e = 0; e < section.Entry.Count; e++)
        {
            var p = $"{path}.entry[{e}]";
            if (reader.Resolve(section.Entry[e], p) is not { Resource: Condition condition } target)
            {
                reader.Problem(TranslationErrorCodes.UnresolvedReference, "Секция DGN: entry должен ссылаться на Condition", p);
                continue;
            }

            var cp = $"Bundle.entry[{target.Index}].resource";
            var coding = condition.Code?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + IcdSystem);
            if (coding is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", cp + ".code");
                continue;
            }

            if (reader.Code(coding, cp + ".code") is { } code)
            {
                diagnoses.Add((code, condition.Note.FirstOrDefault()?.Text ?? condition.Code!.Text ?? code.Display ?? code.Code));
            }
        }

        if (section.Entry.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Секция DGN должна ссылаться хотя бы на один Condition (заключительный диагноз по МКБ-10)", path + ".entry");
        }
    }

    public void Write(XmlWriter w, IReadOnlyList<CdaSection> sections)
    {
        foreach (var section in sections)
        {
            Action<XmlWriter>? entries = section.Code.Code == "DGN"
                ? x =>
                {
                    foreach (var (code, text) in diagnoses)
                    {
                        Diagnosis(x, code, text);
                    }
                }
                : null;
            CdaHeaderWriter.Section(w, section, entries);
        }
    }

    private static void Diagnosis(XmlWriter w, CdaCode code, string text)
    {
        w.WriteStartElement("entry");
        w.WriteStartElement("observation");
        w.WriteAttributeString("classCode", "OBS");
        w.WriteAttributeString("moodCode", "EVN");
        CdaHeaderWriter.Coded(w, "code", FieldDiagnosisCode);
        CdaHeaderWriter.Text(w, "text", text);
        w.WriteStartElement("value");
        w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
        CdaHeaderWriter.CodedAttributes(w, code);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }
}
