using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Renders the CDA header of any known kind (186, 119, 227) from a FHIR R4 document Bundle, with the Composition's sections as
/// narrative-only CDA sections. This is the header code the kind translators share; it is used on its own to round-trip the
/// header of a SEMD read by <see cref="SemdToFhirTranslator"/>. Codings keep the version and display they carry (no FNSI check),
/// so the output is not meant to pass a kind's schematron: use the kind translators for documents sent to REMD.
/// </summary>
public sealed class SemdHeaderRenderer
{
    private readonly NsiCatalog nsi;

    /// <summary>Creates a renderer that fills directory names and versions from <paramref name="nsi"/>.</summary>
    public SemdHeaderRenderer(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <summary>Renders FHIR R4 JSON.</summary>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson) => FhirBundleParser.Translate(fhirJson, Translate);

    /// <summary>Renders a parsed document Bundle.</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        // Codes are checked against the FNSI versions in force on the document date (Composition.date).
        var nsi = this.nsi.On(FhirDocumentDate.Of(bundle));
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: false);
        var header = reader.Read();
        if (header is null)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var sections = reader.Sections();
        var facts = HeaderFacts.Of(reader.Kind!, header, bundle, nsi, reader);
        var bytes = CdaHeaderWriter.Document(header, w =>
        {
            foreach (var section in sections)
            {
                CdaHeaderWriter.Section(w, section);
            }
        });
        return new SemdTranslation(problems.Count == 0, problems.Count == 0 ? bytes : null, facts, problems);
    }
}
