using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Builds the FHIR R4 document Bundle of profile <c>Schemas/fhir/dispanserization-122.md</c> from a <see cref="MisDispanserizationDocument"/>
/// and the organisation's entry of the regional profile. Deterministic: every id is a name-based UUID (v5) of the document id.
/// </summary>
public static class DispanserizationBundleBuilder
{
    /// <summary>
    /// The patient address type the 122 rules demand (У1-20: 1.2.643.5.1.13.13.11.1504 code 3); the MIS format carries no address, so the
    /// profile's default patient address is sent with this type.
    /// </summary>
    private static readonly MisCoding ActualAddress = new("3", "Адрес фактического проживания (пребывания)", "1.3");

    /// <summary>Builds the Bundle. <paramref name="organization"/> must be the profile entry of <c>document.OrganizationOid</c>.</summary>
    public static Bundle Build(MisDispanserizationDocument document, MisOrganizationProfile organization)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organization);
        const string title = "Сведения о результатах диспансеризации или профилактического медицинского осмотра";
        var parts = new DispanserizationBundleParts(document.DocumentNumber, organization);
        var diagnosisKeys = document.Diagnoses.Select((_, i) => "Condition/" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var summary = document.Summary ?? $"Группа здоровья: {document.HealthGroup.Display}. {document.DispensaryStatus.Display}.";
        var sections = new List<Composition.SectionComponent>
        {
            parts.Section("MEDEXAMINFO", "Сведения о диспансеризации", [summary], ["HealthGroup", "DispensaryStatus"]),
            parts.Section("DGN", "Диагнозы", document.Diagnoses.Select(d => d.Text is null ? d.Icd10 : d.Icd10 + " " + d.Text), diagnosisKeys),
        };
        parts.Add("Composition", parts.Composition("122",
            "Сведения о результатах диспансеризации или профилактического медицинского осмотра (CDA) Редакция 2", "141", title,
            document.DocumentDate, document.ServiceEventCode, document.ExaminationStart, document.ExaminationEnd, sections));
        parts.AddHeader(document.Patient, document.Residence, ActualAddress, document.Author, document.CaseNumber, document.MedicalCardNumber,
            document.ExaminationStart, document.ExaminationEnd);
        parts.Add("HealthGroup", parts.Field("6020", "Группа здоровья", DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.99.2.766", document.HealthGroup)));
        parts.Add("DispensaryStatus", parts.Field("6021", "Статус диспансерного наблюдения",
            DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.11.1047", document.DispensaryStatus)));
        for (var i = 0; i < document.Diagnoses.Count; i++)
        {
            var diagnosis = document.Diagnoses[i];
            var condition = new Condition
            {
                Subject = parts.PatientRef,
                Code = DispanserizationBundleParts.Concept("1.2.643.5.1.13.13.11.1005", diagnosis.Icd10, null, null),
            };
            if (diagnosis.Text is { } text)
            {
                condition.Note.Add(new Annotation { Text = new Markdown(text) });
            }

            parts.Add(diagnosisKeys[i], condition);
        }

        return parts.Bundle(document.DocumentDate);
    }
}
