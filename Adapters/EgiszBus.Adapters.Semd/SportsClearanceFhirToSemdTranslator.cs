using System.Xml;
using System.Xml.Linq;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// Translates a FHIR R4 document Bundle of a medical clearance for sports into SEMD kind 83
/// («Медицинское заключение об отсутствии противопоказаний к занятию определенными видами спорта (CDA) Редакция 2»,
/// templateId 1.2.643.5.1.13.13.14.71.9.2, CDA code 1522 «71»). The header is the common one (<see cref="CdaHeaderWriter"/>)
/// with author time, legal authenticator time, <c>signatureCode code="S"</c> and the source of payment (<c>participant IND</c>);
/// the body is DOCINFO: conclusion 837 (99.2.725), validity 10001 (effectiveTime), kinds of sport 10002 (text), note 10000 (optional text).
/// Pure and deterministic. Profile: <c>Schemas/fhir/sportsclearance-83.md</c>. Facts as <see cref="LaboratoryDocumentFacts"/> (Kind = "83").
/// </summary>
public sealed class SportsClearanceFhirToSemdTranslator : IFhirToSemdTranslator
{
    internal const string TemplateId = "1.2.643.5.1.13.13.14.71.9.2";
    internal const string TypeCode = "71";
    internal const string ConclusionSystem = "1.2.643.5.1.13.13.99.2.725";

    /// <summary>The 83 source of payment: identity texts always typed, even with a nullFlavor.</summary>
    private static readonly PaymentSourceOptions PaymentOptions =
        new(new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: false, AfterLegalAuthenticator: null), TypedNullTexts: true, TypedNullInn: true);

    private readonly NsiCatalog nsi;

    /// <summary>Creates a translator that reads FNSI snapshots from <paramref name="nsi"/>.</summary>
    public SportsClearanceFhirToSemdTranslator(NsiCatalog nsi)
    {
        this.nsi = nsi ?? throw new ArgumentNullException(nameof(nsi));
    }

    /// <inheritdoc/>
    public string Kind => "83";

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
        const string c = "Bundle.entry[0].resource";
        var (reader, header) = DispanserizationCda.ReadHeader(bundle, nsi, problems, Kind, TemplateId, TypeCode);
        if (header is null || reader.Composition is not { } composition)
        {
            return new SemdTranslation(false, null, null, problems);
        }

        if (header.LegalTime is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Composition.attester[legal].time обязателен (дата подписания)", c + ".attester");
        }

        var payment = PaymentSource.Read(bundle, reader, header.Patient, PaymentOptions);
        var fields = new List<DispanserizationField>();
        var docInfo = -1;
        for (var i = 0; i < composition.Section.Count; i++)
        {
            var path = $"{c}.section[{i}]";
            if (reader.Section(composition.Section[i], path) is not { } section)
            {
                continue;
            }

            if (section.Code.Code != "DOCINFO")
            {
                reader.Problem(TranslationErrorCodes.InvalidValue, $"Секция {section.Code.Code} не поддерживается для вида 83 (допустима DOCINFO)", path + ".code");
                continue;
            }

            docInfo = i;
            for (var e = 0; e < composition.Section[i].Entry.Count; e++)
            {
                if (DispanserizationCda.ReadField(reader, composition.Section[i].Entry[e], $"{path}.entry[{e}]") is { } field)
                {
                    Check(reader, field);
                    fields.Add(field);
                }
            }

            foreach (var (code, what) in new[] { ("837", "«Заключение» (значение 1.2.643.5.1.13.13.99.2.725)"), ("10001", "«Срок действия» (effectiveDateTime)"), ("10002", "«Виды спорта» (valueString)") })
            {
                if (!fields.Any(f => f.Field.Code == code))
                {
                    reader.Problem(TranslationErrorCodes.MissingElement, $"DOCINFO: Observation {what}, код {code} справочника 1.2.643.5.1.13.13.99.2.166, обязателен", path + ".entry");
                }
            }
        }

        if (docInfo < 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Composition.section с кодом DOCINFO (1.2.643.5.1.13.13.99.2.197) обязателен", c + ".section");
        }

        var facts = HeaderFacts.Of(Kind, header, bundle, nsi, reader);
        if (docInfo < 0 || payment is null || problems.Count > 0)
        {
            return new SemdTranslation(false, null, facts, problems);
        }

        var section83 = reader.Section(composition.Section[docInfo], $"{c}.section[{docInfo}]")!;
        header = header with { AuthorTime = header.EffectiveTime };
        var style = new CdaStyle(XsiTypes: true, LegalTimeAlwaysNull: false, AfterLegalAuthenticator: payment);
        var semd = CdaHeaderWriter.Document(header, w => CdaHeaderWriter.Section(w, section83, x => Write(x, fields)), style);
        semd = DispanserizationCda.Edit(semd, root =>
        {
            var signature = root.Element(DispanserizationCda.V3("legalAuthenticator"))!.Element(DispanserizationCda.V3("signatureCode"))!;
            signature.RemoveAttributes();
            signature.Add(new XAttribute("code", "S"));
        });
        return new SemdTranslation(true, semd, facts, problems);
    }

    private static void Check(FhirHeaderReader reader, DispanserizationField field)
    {
        var ok = field.Field.Code switch
        {
            "837" => field.Coded?.System == ConclusionSystem,
            "10001" => field.EffectiveTime is not null,
            "10000" or "10002" => !string.IsNullOrWhiteSpace(field.Text),
            _ => false,
        };
        if (!ok)
        {
            reader.Problem(TranslationErrorCodes.InvalidValue,
                "DOCINFO: допустимы Observation 837 (valueCodeableConcept 1.2.643.5.1.13.13.99.2.725), 10001 (effectiveDateTime), 10002 и 10000 (valueString)", field.Path);
        }
    }

    private static void Write(XmlWriter w, List<DispanserizationField> fields)
    {
        foreach (var field in fields.OrderBy(f => f.Field.Code.Length).ThenBy(f => f.Field.Code, StringComparer.Ordinal))
        {
            Action<XmlWriter>? value = field.Field.Code switch
            {
                "837" => v => CdaValue.Cd(v, field.Coded!),
                "10001" => null,
                _ => v => CdaValue.St(v, field.Text!),
            };
            DispanserizationCda.Observation(w, field.Field, field.Field.Code == "10001" ? field.EffectiveTime : null, value);
        }
    }
}
