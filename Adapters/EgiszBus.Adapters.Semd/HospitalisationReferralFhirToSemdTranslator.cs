using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a referral into SEMD kind 43 («Направление на госпитализацию, восстановительное лечение,
/// обследование, консультацию (CDA) Редакция 2», 1522 type «3»). Kind 43 has no schematron, only the plain HL7 CDA XSD
/// (POCD_MT000040), so the whole document is written with plain CDA elements (<see cref="HospitalisationReferralCdaWriter"/>).
/// Body sections (codes from 1.2.643.5.1.13.13.99.2.197, all listed there for guide 1.2.643.5.1.13.13.15.31.2): SCOPORG (purpose —
/// 1.2.643.5.1.13.13.99.2.726 — target organisation, planned date), DGN (diagnosis, ICD-10) and ELU (justification text).
/// Pure and deterministic. Profile: <c>Schemas/fhir/hospitalisationreferral-43.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "43").
/// </summary>
public sealed class HospitalisationReferralFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>
    /// ClinicalDocument/templateId/@root of kind 43 revision 2. UNVERIFIED: derived from the pattern of the other kinds'
    /// templates (1.2.643.5.1.13.13.14.{1522 type}.9.{revision}, e.g. 174 → 14.6.9.4, 147 → 14.1.9.5); the guide OID in FNSI 1520
    /// is 1.2.643.5.1.13.13.15.31.2 and FNSI 99.2.726 lists no template of type 3.
    /// </summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.3.9.2";

    /// <summary>The 1.2.643.5.1.13.13.11.1522 type of kind 43.</summary>
    public const string TypeCode = "3";

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public HospitalisationReferralFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "43";

    /// <inheritdoc/>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson) => FhirBundleParser.Translate(fhirJson, Translate);

    /// <summary>Translates a parsed document Bundle.</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        // Codes are checked against the FNSI versions in force on the document date (Composition.date).
        var nsi = this.nsi.On(FhirDocumentDate.Of(bundle));
        var (reader, header) = InstrumentalKindHeader.Read(bundle, nsi, problems, Kind, TemplateId, TypeCode);
        if (header is null || bundle.Entry.FirstOrDefault()?.Resource is not Composition composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var body = new HospitalisationReferralBody(reader, composition);
        var ok = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (!ok || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        return new SemdTranslation(true, HospitalisationReferralCdaWriter.Document(header with { ServiceEvent = null, Encounter = null }, body.Write), facts, problems);
    }
}
