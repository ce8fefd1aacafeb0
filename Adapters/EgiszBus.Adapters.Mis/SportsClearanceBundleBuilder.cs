using System.Globalization;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/sportsclearance-83.md</c> from a <see cref="MisSportsClearanceDocument"/>
/// and the organisation's entry of the regional profile (header + Coverage and insurer). Deterministic: every id is a name-based UUID (v5)
/// of the document id.
/// </summary>
public static class SportsClearanceBundleBuilder
{
    /// <summary>Service event code, 1.2.643.5.1.13.13.99.2.726 «Выдача медицинского документа».</summary>
    public const string ServiceEventCode = "50";

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MisSportsClearanceDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        const string title = "Медицинское заключение об отсутствии противопоказаний к занятию определенными видами спорта";
        var parts = new DispanserizationBundleParts(document.DocumentNumber, organization);
        var validUntil = document.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = document.Summary
            ?? $"{document.Conclusion.Display}. Вид спорта: {document.Sports}. Заключение действительно до {document.ValidUntil.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}.";
        var sections = new List<Composition.SectionComponent>
        {
            parts.Section("DOCINFO", "Медицинское заключение", [summary], ["Conclusion", "ValidUntil", "Sports"]),
        };
        parts.Add("Composition", parts.Composition("83", title + " (CDA) Редакция 2", "71", title, document.DocumentDate, ServiceEventCode,
            document.ExaminationStart, document.ExaminationEnd, sections));
        parts.AddHeader(document.Patient, null, null, document.Author, document.CaseNumber, document.MedicalCardNumber,
            document.ExaminationStart, document.ExaminationEnd);
        parts.Add("Conclusion", parts.Field("837", "Заключение", DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.99.2.725", document.Conclusion)));
        parts.Add("ValidUntil", parts.Field("10001", "Срок действия документа", null, new FhirDateTime(validUntil)));
        parts.Add("Sports", parts.Field("10002", "Наименование вида спорта", new FhirString(document.Sports)));

        var insurer = document.Insurer;
        parts.Add("Insurer", new Organization
        {
            Identifier = [new Identifier(DispanserizationBundleParts.Oid + "1.2.643.5.1.13.13.99.2.183", insurer.Code)],
            Name = insurer.Name,
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, insurer.Phone)],
            Address =
            [
                DispanserizationBundleParts.Address(insurer.AddressText, insurer.PostalCode,
                    DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.99.2.206", insurer.RegionCode, null, null), insurer.AoGuid, insurer.HouseGuid),
            ],
        });
        parts.Add("Coverage", new Coverage
        {
            Status = FinancialResourceStatusCodes.Active,
            // UNVERIFIED: 1.2.643.5.1.13.13.11.1039 has no snapshot (passport only); code 1 as in the official examples.
            Type = DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.11.1039", "1", "Средства обязательного медицинского страхования", "5.2"),
            Beneficiary = parts.PatientRef,
            Payor = [parts.Ref("Insurer")],
            Period = insurer.PolicyStart is { } from ? new Period { Start = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } : null,
        });
        return parts.Bundle(document.DocumentDate);
    }
}
