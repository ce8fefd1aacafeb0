using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads and writes the body of kind 43: SCOPORG (ServiceRequest: purpose in 1.2.643.5.1.13.13.99.2.726, performer → target
/// Organization, optional occurrenceDateTime), DGN (Condition with an ICD-10 code) and ELU (the justification as section text).
/// </summary>
internal sealed class HospitalisationReferralBody(FhirHeaderReader reader, Composition composition)
{
    /// <summary>FNSI 1.2.643.5.1.13.13.99.2.726 «Типы документированных событий»: the purpose of the referral.</summary>
    internal const string PurposeSystem = "1.2.643.5.1.13.13.99.2.726";

    private const string C = "Bundle.entry[0].resource";
    private const string Oid = "urn:oid:";

    // ---- Unverified values: directory absent from the FNSI snapshots (see the report and Schemas/fhir/hospitalisationreferral-43.md). ----
    // 1.2.643.5.1.13.13.11.1077 «Виды нозологических единиц диагноза» 1.2, code 1: the values the 122 translator uses (official examples).
    private static readonly CdaCode StatusMain = new("1", "1.2.643.5.1.13.13.11.1077", "Виды нозологических единиц диагноза", "1.2", "Основное заболевание");
    // ---- End of unverified values. ----

    private static readonly string[] Required = ["SCOPORG", "DGN", "ELU"];

    private readonly Dictionary<string, CdaSection> sections = new(StringComparer.Ordinal);
    private CdaCode? purpose;
    private string? plannedDate;
    private CdaOrganization? target;
    private CdaCode? diagnosis;

    public bool Read()
    {
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < composition.Section.Count; i++)
        {
            if (reader.Section(composition.Section[i], $"{C}.section[{i}]") is { } s && Required.Contains(s.Code.Code) && !sections.ContainsKey(s.Code.Code))
            {
                sections[s.Code.Code] = s;
                indexes[s.Code.Code] = i;
            }
        }

        foreach (var code in Required.Where(c => !sections.ContainsKey(c)))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, $"Composition.section с кодом {code} (1.2.643.5.1.13.13.99.2.197) обязателен", C + ".section");
        }

        if (indexes.TryGetValue("SCOPORG", out var scope))
        {
            ReadScope(composition.Section[scope], $"{C}.section[{scope}]");
        }

        if (indexes.TryGetValue("DGN", out var dgn))
        {
            ReadDiagnosis(composition.Section[dgn], $"{C}.section[{dgn}]");
        }

        if (indexes.TryGetValue("ELU", out var elu) && string.IsNullOrWhiteSpace(sections["ELU"].Text?.Value))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "ELU: section.text (описание и обоснование направления) обязателен", $"{C}.section[{elu}].text");
            sections.Remove("ELU");
        }

        return sections.Count == Required.Length && purpose is not null && target is not null && diagnosis is not null;
    }

    private void ReadScope(Composition.SectionComponent section, string path)
    {
        var seen = false;
        for (var e = 0; e < section.Entry.Count; e++)
        {
            if (reader.Resolve(section.Entry[e], $"{path}.entry[{e}]") is not { } found)
            {
                continue;
            }

            var rp = $"Bundle.entry[{found.Index}].resource";
            if (found.Resource is not ServiceRequest request || seen)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "SCOPORG.entry: ожидается один ServiceRequest (цель направления и организация)", $"{path}.entry[{e}]");
                continue;
            }

            seen = true;
            var coding = request.Code?.Coding.FirstOrDefault(x => x.System == Oid + PurposeSystem);
            if (coding is null)
            {
                reader.Problem(TranslationErrorCodes.MissingElement,
                    "ServiceRequest.code с системой urn:oid:1.2.643.5.1.13.13.99.2.726 (цель направления, например 13 «Госпитализация») обязателен", rp + ".code");
            }
            else
            {
                purpose = reader.Code(coding, rp + ".code");
            }

            if (request.Occurrence is { } occurrence)
            {
                plannedDate = occurrence is FhirDateTime at ? CdaTime.ToTs(at.Value) : null;
                if (plannedDate is null)
                {
                    reader.Problem(TranslationErrorCodes.InvalidValue, "ServiceRequest.occurrenceDateTime: ожидается дата (yyyy-MM-dd) или дата и время с часовым поясом", rp + ".occurrence");
                }
            }

            target = Target(request, rp);
        }

        if (!seen)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "SCOPORG: ServiceRequest (цель направления и организация, куда направлен) обязателен", path + ".entry");
        }
    }

    private CdaOrganization? Target(ServiceRequest request, string rp)
    {
        var performer = request.Performer.FirstOrDefault();
        if (performer is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "ServiceRequest.performer (Organization, куда направлен пациент) обязателен", rp + ".performer");
            return null;
        }

        if (reader.Resolve(performer, rp + ".performer[0]") is not { } found)
        {
            return null;
        }

        var op = $"Bundle.entry[{found.Index}].resource";
        if (found.Resource is not Organization organization)
        {
            reader.Problem(TranslationErrorCodes.UnresolvedReference, "ServiceRequest.performer должен ссылаться на Organization", rp + ".performer[0]");
            return null;
        }

        var oid = organization.Identifier.FirstOrDefault(i => i.System == "urn:ietf:rfc:3986" && i.Value?.StartsWith(Oid, StringComparison.Ordinal) == true)?.Value?[Oid.Length..];
        if (string.IsNullOrEmpty(oid) || !oid.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Organization.identifier (OID по ФРМО, system urn:ietf:rfc:3986, value urn:oid:…) обязателен", op + ".identifier");
            return null;
        }

        if (string.IsNullOrWhiteSpace(organization.Name))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Organization.name обязателен", op + ".name");
            return null;
        }

        var telecoms = organization.Telecom.Select(FhirHeaderReader.Telecom).OfType<CdaTelecom>().ToList();
        var address = organization.Address.FirstOrDefault() is { } a ? reader.Address(a, op + ".address[0]") : null;
        var ogrn = organization.Identifier.FirstOrDefault(i => i.System == Oid + "1.2.643.100.1")?.Value;
        return new CdaOrganization(oid, null, organization.Name.Trim(), ogrn, telecoms, address);
    }

    private void ReadDiagnosis(Composition.SectionComponent section, string path)
    {
        for (var e = 0; e < section.Entry.Count; e++)
        {
            if (reader.Resolve(section.Entry[e], $"{path}.entry[{e}]") is not { } found)
            {
                continue;
            }

            var rp = $"Bundle.entry[{found.Index}].resource";
            if (found.Resource is not Condition condition || diagnosis is not null)
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, "DGN.entry: ожидается один Condition (основной диагноз, МКБ-10)", $"{path}.entry[{e}]");
                continue;
            }

            if (condition.Code?.Coding.FirstOrDefault(x => x.System == Oid + ConsultationFhirToSemdTranslator.IcdSystem) is not { } icd)
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Condition.code с системой urn:oid:1.2.643.5.1.13.13.11.1005 (МКБ-10) обязателен", rp + ".code");
                return;
            }

            diagnosis = reader.Code(icd, rp + ".code");
            return;
        }

        reader.Problem(TranslationErrorCodes.MissingElement, "DGN: Condition (основной диагноз, МКБ-10) обязателен", path + ".entry");
    }

    public void Write(XmlWriter w)
    {
        CdaHeaderWriter.Section(w, sections["SCOPORG"], x =>
        {
            x.WriteStartElement("entry");
            x.WriteStartElement("act");
            x.WriteAttributeString("classCode", "ACT");
            x.WriteAttributeString("moodCode", "RQO");
            CdaHeaderWriter.Coded(x, "code", purpose!);
            if (plannedDate is not null)
            {
                CdaHeaderWriter.Empty(x, "effectiveTime", ("value", plannedDate));
            }

            x.WriteStartElement("performer");
            x.WriteAttributeString("typeCode", "PRF");
            x.WriteStartElement("assignedEntity");
            CdaHeaderWriter.Empty(x, "id", ("root", target!.Oid));
            x.WriteStartElement("representedOrganization");
            HospitalisationReferralCdaWriter.Organization(x, target, withDepartment: false);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
        });
        CdaHeaderWriter.Section(w, sections["DGN"], x =>
        {
            x.WriteStartElement("entry");
            x.WriteStartElement("observation");
            x.WriteAttributeString("classCode", "OBS");
            x.WriteAttributeString("moodCode", "EVN");
            CdaHeaderWriter.Coded(x, "code", StatusMain);
            x.WriteStartElement("value");
            CdaValue.Cd(x, diagnosis!);
            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndElement();
        });
        CdaHeaderWriter.Section(w, sections["ELU"]);
    }
}
