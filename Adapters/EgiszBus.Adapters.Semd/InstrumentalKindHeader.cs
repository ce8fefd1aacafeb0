using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Reads the common header for a kind that <see cref="SemdKinds"/> may not list yet (174, 43): the shared
/// <see cref="FhirHeaderReader"/> accepts only listed kinds, so an unlisted kind is read under a listed stand-in kind
/// (119, whose CDA code is the 1522 type) on a copy of the Bundle, and the template id and CDA code are then set to the
/// kind's own. Once the lead lists the kind in <see cref="SemdKinds"/>, the stand-in is no longer used; the output is the same.
/// </summary>
internal static class InstrumentalKindHeader
{
    private const string StandIn = "119";

    /// <summary>The reader (over the Bundle actually read), the header with the kind's template and CDA code, or null on problems.</summary>
    public static (FhirHeaderReader Reader, CdaHeader? Header, Bundle Bundle) Read(
        Bundle bundle, NsiCatalog nsi, List<TranslationProblem> problems, string kind, string templateId, string typeCode)
    {
        const string typePath = "Bundle.entry[0].resource.type";
        var composition = bundle.Entry.FirstOrDefault()?.Resource as Composition;
        var kindCoding = composition?.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem);
        var declared = kindCoding?.Code;
        var read = bundle;
        if (composition is not null && declared == kind && SemdKinds.ByKind(kind) is null)
        {
            read = (Bundle)bundle.DeepCopy();
            var copy = (Composition)read.Entry[0].Resource!;
            var coding = copy.Type.Coding.First(x => x.System == "urn:oid:" + SemdKinds.KindSystem);
            coding.Code = StandIn;
            if (!copy.Type.Coding.Any(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem))
            {
                copy.Type.Coding.Add(new Coding("urn:oid:" + SemdKinds.DocTypeSystem, typeCode));
            }
        }

        var reader = new FhirHeaderReader(read, nsi, problems, strict: true);
        if (composition is not null && declared != kind)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind,
                $"Composition.type должен содержать код {kind} справочника 1.2.643.5.1.13.13.11.1520", typePath);
            reader.Read();
            return (reader, null, read);
        }

        var header = reader.Read();
        if (header is null)
        {
            return (reader, null, read);
        }

        var typeCoding = composition!.Type.Coding.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem);
        if (typeCoding is not null && typeCoding.Code != typeCode)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind,
                $"Composition.type: тип документа 1.2.643.5.1.13.13.11.1522 для вида {kind} — {typeCode}", typePath);
            return (reader, null, read);
        }

        var entry = nsi.Find(SemdKinds.DocTypeSystem, typeCode);
        if (entry is null)
        {
            reader.Problem(TranslationErrorCodes.UnknownCode, $"Код {typeCode} отсутствует в справочнике {SemdKinds.DocTypeSystem}", typePath);
            return (reader, null, read);
        }

        var code = new CdaCode(entry.Code, SemdKinds.DocTypeSystem, entry.DirectoryName, entry.Version, entry.Display);
        return (reader, header with { TemplateId = templateId, Code = code, Translations = [] }, read);
    }
}
