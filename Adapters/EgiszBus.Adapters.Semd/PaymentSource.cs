using System.Xml;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// The source of payment (<c>participant typeCode="IND"</c>) from the Bundle's Coverage and the patient's OMS policy, written after
/// legalAuthenticator by the kinds 119 (<see cref="ConsultationFhirToSemdTranslator"/>), 80 (<see cref="NoContactCertificateFhirToSemdTranslator"/>)
/// and 83 (<see cref="SportsClearanceFhirToSemdTranslator"/>); the kinds differ only as <see cref="PaymentSourceOptions"/> says.
/// </summary>
internal static class PaymentSource
{
    // 1.2.643.5.1.13.13.99.2.724 is not among the snapshots (UNVERIFIED); «Полис ОМС» as in the official examples.
    private static readonly CdaCode BasisOmsPolicy = new("1", "1.2.643.5.1.13.13.99.2.724", "Типы документов оснований", "1.1", "Полис ОМС");

    /// <summary>The writer of the participant, or null (with problems reported to <paramref name="reader"/>) when the Bundle lacks what it needs.</summary>
    public static Action<XmlWriter>? Read(Bundle bundle, FhirHeaderReader reader, CdaPatient patient, PaymentSourceOptions options)
    {
        var index = bundle.Entry.FindIndex(e => e.Resource is Coverage);
        if (index < 0)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Coverage (источник оплаты: type 1.2.643.5.1.13.13.11.1039, payor → страховая организация) обязателен", "Bundle.entry");
            return null;
        }

        var coverage = (Coverage)bundle.Entry[index].Resource!;
        var p = $"Bundle.entry[{index}].resource";
        var typeCoding = coverage.Type?.Coding.FirstOrDefault(x => x.System == "urn:oid:1.2.643.5.1.13.13.11.1039");
        var type = typeCoding is null || string.IsNullOrEmpty(typeCoding.Display) || string.IsNullOrEmpty(typeCoding.Version)
            ? null : reader.Code(typeCoding, p + ".type");
        if (type is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Coverage.type: coding urn:oid:1.2.643.5.1.13.13.11.1039 с code, display и version обязателен", p + ".type");
        }

        Organization? payor = null;
        string? payorCode = null;
        if (coverage.Payor.Count == 0 || reader.Resolve(coverage.Payor[0], p + ".payor[0]") is not { Resource: Organization o })
        {
            reader.Problem(TranslationErrorCodes.UnresolvedReference, "Coverage.payor[0] должен ссылаться на Organization (страховая организация)", p + ".payor");
        }
        else
        {
            payor = o;
            payorCode = o.Identifier.FirstOrDefault(i => i.System == "urn:oid:1.2.643.5.1.13.13.99.2.183")?.Value;
            if (payorCode is null || string.IsNullOrWhiteSpace(o.Name))
            {
                reader.Problem(TranslationErrorCodes.MissingElement, "Страховая организация: identifier urn:oid:1.2.643.5.1.13.13.99.2.183 и name обязательны", p + ".payor[0]");
            }
        }

        if (patient.Policy is null)
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Patient.identifier с полисом ОМС (type 1.2.643.5.1.13.13.11.1035) обязателен при оплате по ОМС", "Bundle.entry[0].resource.subject");
        }

        var telecoms = payor?.Telecom.Select(FhirHeaderReader.Telecom).OfType<CdaTelecom>().ToList() ?? [];
        var address = payor?.Address.Count > 0 ? reader.Address(payor.Address[0], p + ".payor[0].address[0]") : null;
        if (payor is not null && (telecoms.Count == 0 || address is null))
        {
            reader.Problem(TranslationErrorCodes.MissingElement, "Страховая организация: telecom и address обязательны", p + ".payor[0]");
        }

        var inn = payor?.Identifier.FirstOrDefault(i => i.System == "https://fhir.ru/ig/core/systems/inn")?.Value;
        var from = CdaTime.ToTs(coverage.Period?.Start);
        var to = CdaTime.ToTs(coverage.Period?.End);
        if (type is null || payor is null || payorCode is null || patient.Policy is not { } policy || telecoms.Count == 0 || address is null)
        {
            return null;
        }

        return w =>
        {
            w.WriteStartElement("participant");
            w.WriteAttributeString("typeCode", "IND");
            w.WriteStartElement("associatedEntity");
            w.WriteAttributeString("classCode", "GUAR");
            CdaHeaderWriter.Coded(w, "code", type);
            w.WriteStartElement("DocInfo", CdaHeaderWriter.Identity);
            TypedCoded(w, "IdentityDocType", BasisOmsPolicy, options.Untyped);
            TypedCoded(w, "InsurancePolicyType", policy.Type, options.Untyped);
            TypedText(w, "Series", policy.Series, "NA", options.TypedNullTexts, options.Untyped);
            TypedText(w, "Number", policy.Number, "NA", options.TypedNullTexts, options.Untyped);
            TypedText(w, "INN", inn, "NI", options.TypedNullInn, options.Untyped);
            w.WriteStartElement("effectiveTime", CdaHeaderWriter.Identity);
            if (from is null)
            {
                w.WriteAttributeString("nullFlavor", "NAV");
            }
            else
            {
                TypedTime(w, "low", from[..8], options.Untyped);
                TypedTime(w, "high", to?[..8], options.Untyped);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("scopingOrganization");
            CdaHeaderWriter.Empty(w, "id", ("root", "1.2.643.5.1.13.13.99.2.183"), ("extension", payorCode));
            CdaHeaderWriter.Text(w, "name", payor.Name!);
            CdaHeaderWriter.ContactOf(w, options.ContactStyle, telecoms, address);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        };
    }

    private static void TypedCoded(XmlWriter w, string name, CdaCode value, bool untyped)
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        if (!untyped)
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "CD");
        }

        CdaHeaderWriter.CodedAttributes(w, value);
        w.WriteEndElement();
    }

    private static void TypedTime(XmlWriter w, string name, string? value, bool untyped)
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        if (!untyped)
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "TS");
        }

        if (value is null)
        {
            w.WriteAttributeString("nullFlavor", "NAV");
        }
        else
        {
            w.WriteAttributeString("value", value);
        }

        w.WriteEndElement();
    }

    private static void TypedText(XmlWriter w, string name, string? value, string nullFlavor, bool typedNull, bool untyped)
    {
        w.WriteStartElement(name, CdaHeaderWriter.Identity);
        if (!untyped && (typedNull || !string.IsNullOrEmpty(value)))
        {
            w.WriteAttributeString("xsi", "type", CdaHeaderWriter.Xsi, "ST");
        }

        if (string.IsNullOrEmpty(value))
        {
            w.WriteAttributeString("nullFlavor", nullFlavor);
        }
        else
        {
            w.WriteString(value);
        }

        w.WriteEndElement();
    }
}
