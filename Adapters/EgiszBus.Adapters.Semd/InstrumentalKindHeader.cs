using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads the common header of the kinds 174 and 43, whose CDA code is the 1522 type: checks the declared
/// 1520 kind and the 1522 type, then sets the kind's own template id and CDA code.
/// </summary>
internal static class InstrumentalKindHeader
{
    /// <summary>The reader and the header with the kind's template and CDA code, or null on problems.</summary>
    public static (FhirHeaderReader Reader, CdaHeader? Header) Read(
        Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems, string kind, string templateId, string typeCode)
    {
        const string typePath = "Bundle.entry[0].resource.type";
        var composition = bundle.Entry.FirstOrDefault()?.Resource as Composition;
        var declared = composition?.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        if (composition is not null && declared != kind)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind,
                $"Composition.type должен содержать код {kind} справочника 1.2.643.5.1.13.13.11.1520", typePath);
            reader.Read();
            return (reader, null);
        }

        var header = reader.Read();
        if (header is null)
        {
            return (reader, null);
        }

        var typeCoding = composition!.Type.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem);
        if (typeCoding is not null && typeCoding.Code != typeCode)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind,
                $"Composition.type: тип документа 1.2.643.5.1.13.13.11.1522 для вида {kind} — {typeCode}", typePath);
            return (reader, null);
        }

        var entry = nsi.Find(SemdKinds.DocTypeSystem, typeCode);
        if (entry is null)
        {
            reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {typeCode} отсутствует в справочнике {nsi.Describe(SemdKinds.DocTypeSystem)}", typePath);
            return (reader, null);
        }

        var code = new CdaCode(entry.Code, SemdKinds.DocTypeSystem, entry.DirectoryName, entry.Version, entry.Display);
        return (reader, header with { TemplateId = templateId, Code = code, Translations = [] });
    }
}
