using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of an inpatient discharge summary into SEMD kind 147
/// («Эпикриз в стационаре выписной (CDA) Редакция 5», templateId 1.2.643.5.1.13.13.14.1.9.5, CDA code 1522 «1»).
/// The header is written by the shared header code (<see cref="CdaHeaderWriter"/>); the body (<see cref="DischargeSummaryBody"/>) nests
/// the sections as the official 147 rules want: HOSP { ANAM, STATEADM { DGN }, LANAM, PATIENTROUTE { DEPARTINFO+ }, STATEDIS { DGN, REGIME? } }
/// and SERVICES, with their coded entries (<c>Schemas/fhir/dischargesummary-147.md</c>). Pure and deterministic.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "147").
/// </summary>
public sealed class DischargeSummaryFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 147 (FNSI 1.2.643.5.1.13.13.99.2.726 v3.10, DOC_OID of event 13 «Госпитализация»).</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.1.9.5";

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1522 code of the document type «Эпикриз в стационаре выписной».</summary>
    public const string DocumentTypeCode = "1";

    private const string KindCode = "147";
    private const string C = "Bundle.entry[0].resource";

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public DischargeSummaryFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => KindCode;

    /// <inheritdoc/>
    public SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson) => FhirBundleParser.Translate(fhirJson, Translate);

    /// <summary>Translates a parsed document Bundle (the Bundle is not changed).</summary>
    public SemdTranslation Translate(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Translate(bundle, []);
    }

    private SemdTranslation Translate(Bundle bundle, List<TranslationProblem> problems)
    {
        // Codes are checked against the FNSI versions in force on the document date (Composition.date).
        var nsi = this.nsi.On(FhirDocumentDate.Of(bundle));
        if (bundle.Entry.FirstOrDefault()?.Resource is Composition declared && !DeclaresKind(declared, problems))
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        var header = reader.Read();
        if (header is null || bundle.Entry[0].Resource is not Composition composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        header = header with { TemplateId = TemplateId };
        if (header.Encounter is not { } encounter || encounter.Ids.Count != 2 || encounter.Code is null || encounter.Low is null || encounter.High is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.encounter → Encounter обязателен: identifier случая (urn:oid:<корень МИС>.15) и карты (….16), type (1.2.643.5.1.13.13.99.2.723), period.start и period.end (даты поступления и выписки)",
                C + ".encounter");
        }

        if (header.ServiceEvent is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Composition.event (код 13 «Госпитализация» справочника 1.2.643.5.1.13.13.99.2.726, period) обязателен", C + ".event");
        }

        // Official 147 schematron: participant IND (У1-18) and serviceEvent medService:serviceForm/serviceCond (У1-21).
        var payment = PaymentSource.Read(bundle, reader, header.Patient, PaymentOptions);
        var serviceForm = DischargeSummaryHeader.ServiceForm(composition, reader);
        var disposition = DischargeSummaryHeader.DischargeDisposition(composition, reader);
        var body = new DischargeSummaryBody(reader, composition);
        body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (payment is null || serviceForm is null || disposition is null || header.ServiceEvent is null || header.Encounter is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // Official 147 schematron, Main09-1: encompassingEncounter carries medService:DocType (the document's 1522 type) and dischargeDispositionCode.
        header = header with
        {
            ServiceEvent = header.ServiceEvent with { ServiceForm = serviceForm, ServiceCond = DischargeSummaryHeader.ServiceCond },
            Encounter = header.Encounter with { DocType = header.Code, DischargeDisposition = disposition },
        };

        // The 2022+ generation of the rules blocks xsi:type on the identity:/address: extensions and wants legalAuthenticator/time NI.
        var style = new CdaStyle(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: payment);
        return new SemdTranslation(true, CdaHeaderWriter.Document(header, body.Write, style), facts, problems);
    }

    /// <summary>The 147 source of payment: no xsi:type on the identity: elements (the 2022+ XSD generation blocks it).</summary>
    private static readonly PaymentSourceOptions PaymentOptions =
        new(new CdaStyle(XsiTypes: false, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null), TypedNullTexts: false, TypedNullInn: false, Untyped: true);

    private static bool DeclaresKind(Composition composition, List<TranslationProblem> problems)
    {
        var codings = composition.Type?.Coding ?? [];
        var kind = codings.FindIndex(x => x.System == "urn:oid:" + SemdKinds.KindSystem);
        if (kind >= 0 && codings[kind].Code != KindCode)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.WrongDocumentKind,
                "Composition.type должен содержать код 147 справочника 1.2.643.5.1.13.13.11.1520", $"{C}.type.coding[{kind}]"));
            return false;
        }

        var type = codings.FindIndex(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem);
        if (kind < 0 || type < 0)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.MissingElement,
                "Composition.type должен содержать coding 147 (urn:oid:1.2.643.5.1.13.13.11.1520) и 1 (urn:oid:1.2.643.5.1.13.13.11.1522)", C + ".type"));
            return false;
        }

        if (codings[type].Code != DocumentTypeCode)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.WrongDocumentKind,
                "Composition.type: вид документации 1.2.643.5.1.13.13.11.1522 должен быть 1 «Эпикриз в стационаре выписной»", $"{C}.type.coding[{type}]"));
            return false;
        }

        return true;
    }
}
