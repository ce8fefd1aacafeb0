using System.Text;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a referral to medical-social expertise (form 088/у) into SEMD kind 121
/// («Направление на медико-социальную экспертизу (CDA) Редакция 6», templateId 1.2.643.5.1.13.13.14.34.9.6, CDA code 1522 «34»).
/// The header is written by the shared header code (<see cref="CdaHeaderWriter"/>); the body holds the sections the 121 rules
/// require: SCOPORG, WORK, EDU, SOCANAM, VITALPARAM, STATECUR, DGN, SCORES, REGIME (RECTREAT, RECOTHER), CONSENT.
/// Pure and deterministic. Profile: <c>Schemas/fhir/msereferral-121.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "121").
/// </summary>
public sealed class MseReferralFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 121 revision 6.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.34.9.6";

    /// <summary>The 1.2.643.5.1.13.13.11.1522 code of the referral to medical-social expertise.</summary>
    public const string DocTypeCode = "34";

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public MseReferralFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "121";

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
        const string cp = "Bundle.entry[0].resource";
        var declared = (bundle.Entry.FirstOrDefault()?.Resource as Composition)?.Type?.Coding
            .FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        var header = reader.Read();
        if (reader.Composition is not null && declared is not null && declared != Kind)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 121 справочника 1.2.643.5.1.13.13.11.1520", cp + ".type");
            return new SemdTranslation(false, null, null, problems);
        }

        if (header is null || bundle.Entry[0].Resource is not Composition composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        if (header.Code.Code != DocTypeCode || header.Code.System != SemdKinds.DocTypeSystem)
        {
            reader.Problem(TranslationErrorCodes.WrongDocumentKind, "Composition.type должен содержать код 34 справочника 1.2.643.5.1.13.13.11.1522", cp + ".type");
        }

        CheckHeader(header, reader);
        var body = new MseReferralBody(reader, composition, nsi);
        var model = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (model is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // The 121 rules accept minutes with a zone, not seconds.
        header = header with
        {
            TemplateId = TemplateId,
            EffectiveTime = Minutes(header.EffectiveTime),
            ServiceEvent = header.ServiceEvent is { } e ? e with { Low = Minutes(e.Low), High = Minutes(e.High) } : null,
            Encounter = null,
        };
        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: true, AfterLegalAuthenticator: null);
        var bytes = CdaHeaderWriter.Document(header, w => body.Write(w, model, header), style);
        return new SemdTranslation(true, TypedIssueDate(bytes), facts, problems);
    }

    private static void CheckHeader(CdaHeader header, FhirHeaderReader reader)
    {
        const string cp = "Bundle.entry[0].resource";
        var doc = header.Patient.IdentityDocument;
        if (doc is null || doc.Series is null || doc.IssueOrgName is null || doc.IssueOrgCode is null || doc.IssueDate is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Patient.identifier документа, удостоверяющего личность (type 1.2.643.5.1.13.13.99.2.48), с серией и номером, assigner (display и identifier) и period.start обязателен",
                cp + ".subject");
        }

        if (header.Patient.Telecoms.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Patient.telecom обязателен", cp + ".subject");
        }

        if (header.Custodian.Telecoms.Count == 0 || header.Custodian.Address is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Организация (custodian): telecom и address обязательны", cp + ".custodian");
        }

        if (header.ServiceEvent is not { Code: not null, Low: not null } || header.ServiceEvent.Performers.Count == 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Composition.event: code (1.2.643.5.1.13.13.99.2.726), period.start и detail (исполнитель) обязательны", cp + ".event");
        }
    }

    private static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    // The shared header writer writes identity:IssueDate without the xsi:type the 121 rules require.
    private static byte[] TypedIssueDate(byte[] semd)
    {
        var text = Encoding.UTF8.GetString(semd).Replace("<identity:IssueDate value=", "<identity:IssueDate xsi:type=\"TS\" value=", StringComparison.Ordinal);
        return new UTF8Encoding(false).GetBytes(text);
    }
}
