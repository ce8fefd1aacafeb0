using System.Text;
using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a certificate of no contact with infectious patients into SEMD kind 80
/// («Справка об отсутствии контактов с инфекционными больными (CDA) Редакция 2», templateId 1.2.643.5.1.13.13.14.88.9.2,
/// CDA code 1522 «88»). The header is written by the shared header code (<see cref="CdaHeaderWriter"/>) with the parts the 80 rules
/// add: author and legal authenticator times, <c>signatureCode code="S"</c> and the source of payment (<c>participant typeCode="IND"</c>).
/// The body is the DOCINFO section: kind of certificate (field 837, 1.2.643.5.1.13.13.99.2.725), contact flag (12007),
/// period without contacts (10001) and a free note (7000). Pure and deterministic. Profile: <c>Schemas/fhir/nocontactcertificate-80.md</c>.
/// Facts are returned as <see cref="LaboratoryDocumentFacts"/>, the general facts record of every kind (Kind = "80").
/// </summary>
public sealed class NoContactCertificateFhirToSemdTranslator : IFhirToSemdTranslator
{
    /// <summary>ClinicalDocument/templateId/@root of kind 80 revision 2.</summary>
    public const string TemplateId = "1.2.643.5.1.13.13.14.88.9.2";

    /// <summary>FNSI 1.2.643.5.1.13.13.11.1522 code of the document type («Справка об отсутствии контактов с инфекционными больными»).</summary>
    public const string DocumentTypeCode = "88";

    /// <summary>FNSI 1.2.643.5.1.13.13.99.2.166 («Кодируемые поля CDA документов»).</summary>
    internal const string FieldSystem = "1.2.643.5.1.13.13.99.2.166";

    /// <summary>FNSI 1.2.643.5.1.13.13.99.2.725 («Перечень заключений в медицинских документах»), the value of field 837 «Заключение».</summary>
    internal const string CareOrderSystem = "1.2.643.5.1.13.13.99.2.725";

    private const string C = "Bundle.entry[0].resource";

    /// <summary>
    /// Codes of directories not among the NSI snapshots (1.2.643.5.1.13.13.99.2.166 and 1.2.643.5.1.13.13.99.2.725). Codes are those the
    /// 80 rules name (fields 837, 12007, 10001, 7000; values 8 and 26 of 99.2.725); displays and names checked against the public FNSI
    /// dumps (99.2.166 v5.41, kept at version 5.27; 99.2.725 v1.15). Only 8 is the conclusion of form 088 — 26 is allowed by the rules.
    /// The SEMD always carries these names and versions, whatever display the Bundle sends.
    /// </summary>
    internal static readonly IReadOnlyDictionary<(string System, string Code), CdaCode> Unverified = new[]
    {
        new CdaCode("837", FieldSystem, "Кодируемые поля CDA документов", "5.27", "Заключение"),
        new CdaCode("12007", FieldSystem, "Кодируемые поля CDA документов", "5.27", "Контакт с инфекционными больными"),
        new CdaCode("10001", FieldSystem, "Кодируемые поля CDA документов", "5.27", "Срок действия документа"),
        new CdaCode("7000", FieldSystem, "Кодируемые поля CDA документов", "5.27", "Примечание"),
        new CdaCode("8", CareOrderSystem, "Перечень заключений в медицинских документах", "1.15", "За последние 21 день инфекционных заболеваний не зарегистрировано"),
        new CdaCode("26", CareOrderSystem, "Перечень заключений в медицинских документах", "1.15", "освобожден от занятий, посещений детского дошкольного учреждения"),
    }.ToDictionary(c => (c.System, c.Code));

    /// <summary>The 80 source of payment: Series and Number always typed, INN only with a value.</summary>
    private static readonly PaymentSourceOptions PaymentOptions =
        new(new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: false, AfterLegalAuthenticator: null), TypedNullTexts: true, TypedNullInn: false);

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public NoContactCertificateFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "80";

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
        var composition = bundle.Entry.FirstOrDefault()?.Resource as Composition;
        var codings = composition?.Type?.Coding ?? [];
        var kind = codings.FirstOrDefault(x => x.System == "urn:oid:" + SemdKinds.KindSystem)?.Code;
        if (composition is not null && kind != Kind)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.WrongDocumentKind,
                "Composition.type должен содержать код 80 справочника 1.2.643.5.1.13.13.11.1520", C + ".type"));
            return new SemdTranslation(false, null, null, problems);
        }

        var typeIndex = codings.FindIndex(x => x.System == "urn:oid:" + SemdKinds.DocTypeSystem);
        if (composition is not null && (typeIndex < 0 || codings[typeIndex].Code != DocumentTypeCode))
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.WrongDocumentKind,
                "Composition.type должен содержать код 88 справочника 1.2.643.5.1.13.13.11.1522", C + ".type"));
        }

        var reader = new FhirHeaderReader(bundle, nsi, problems, strict: true);
        var header = reader.Read();
        if (header is null || composition is null)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        var payment = PaymentSource.Read(bundle, reader, header.Patient, PaymentOptions);
        var body = new NoContactCertificateBody(reader, composition);
        var docInfo = body.Read();
        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (docInfo is null || payment is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        // The 80 rules accept day precision or minutes with a zone; author/time and legalAuthenticator/time must carry a value.
        var effective = Minutes(header.EffectiveTime);
        header = header with
        {
            TemplateId = TemplateId,
            Translations = [],
            EffectiveTime = effective,
            AuthorTime = effective,
            LegalTime = Minutes(header.LegalTime) ?? effective,
            ServiceEvent = null,
            Encounter = header.Encounter is { } en ? en with { Low = Minutes(en.Low), High = Minutes(en.High), DocType = header.Code } : null,
        };
        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: false, AfterLegalAuthenticator: payment);
        var semd = CdaHeaderWriter.Document(header, w => body.Write(w, docInfo), style);
        return new SemdTranslation(true, SignatureCodeS(semd), facts, problems);
    }

    internal static string? Minutes(string? ts) => ts is { Length: 19 } ? ts[..12] + ts[14..] : ts;

    /// <summary>The 80 rules want <c>legalAuthenticator/signatureCode code="S"</c>; the shared writer writes <c>nullFlavor="NI"</c>.</summary>
    private static byte[] SignatureCodeS(byte[] semd)
    {
        const string shared = "<signatureCode nullFlavor=\"NI\" />";
        var text = Encoding.UTF8.GetString(semd);
        var at = text.IndexOf(shared, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("The shared header writer no longer writes " + shared);
        }

        return new UTF8Encoding(false).GetBytes(string.Concat(text.AsSpan(0, at), "<signatureCode code=\"S\" />", text.AsSpan(at + shared.Length)));
    }
}
