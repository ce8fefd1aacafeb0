using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd;

/// <summary>
/// The kind-147 header pieces of documentationOf/serviceEvent (official 147 schematron, rule У1-21): <c>medService:serviceForm</c>
/// from Encounter.priority and <c>medService:serviceCond</c> «Стационарно», written by <see cref="CdaHeaderWriter"/> from
/// <see cref="CdaServiceEvent.ServiceForm"/> and <see cref="CdaServiceEvent.ServiceCond"/>.
/// </summary>
internal static class DischargeSummaryHeader
{
    /// <summary>FNSI «Формы оказания медицинской помощи» (not among the snapshots: UNVERIFIED, v1.1 from the public FNSI dump).</summary>
    internal const string ServiceFormSystem = "1.2.643.5.1.13.13.11.1551";

    private const string ServiceFormVersion = "1.1";

    /// <summary>1.2.643.5.1.13.13.99.2.322 is not among the snapshots (UNVERIFIED): code 1 of v3.1 of the public FNSI dump.</summary>
    public static readonly CdaCode ServiceCond = new("1", "1.2.643.5.1.13.13.99.2.322", "Условия оказания медицинской помощи", "3.1", "Стационарно");

    private static readonly Dictionary<string, string> ServiceForms = new(StringComparer.Ordinal)
    {
        ["1"] = "плановая",
        ["2"] = "экстренная",
        ["3"] = "неотложная",
    };

    /// <summary>
    /// The outcome of the stay (encompassingEncounter/dischargeDispositionCode, rule Main09-1) from
    /// Encounter.hospitalization.dischargeDisposition, resolved like every other kind-147 code (<see cref="DischargeSummaryCodes.Resolve"/>:
    /// 1.2.643.5.1.13.13.11.1470 is held by no snapshot nor public dump, so code, display and version are taken as sent), or null with a
    /// problem reported.
    /// </summary>
    public static CdaCode? DischargeDisposition(Composition composition, FhirHeaderReader reader)
    {
        const string c = "Bundle.entry[0].resource.encounter";
        if (reader.Resolve(composition.Encounter, c) is not { Resource: Encounter encounter } target)
        {
            return null; // the missing encounter is reported by the header checks
        }

        return DischargeSummaryCodes.Resolve(reader, encounter.Hospitalization?.DischargeDisposition, DischargeSummaryCodes.DispositionSystem,
            $"Bundle.entry[{target.Index}].resource.hospitalization.dischargeDisposition");
    }

    /// <summary>The form of care from Encounter.priority (coding urn:oid:1.2.643.5.1.13.13.11.1551), or null with a problem reported.</summary>
    public static CdaCode? ServiceForm(Composition composition, FhirHeaderReader reader)
    {
        const string c = "Bundle.entry[0].resource.encounter";
        if (reader.Resolve(composition.Encounter, c) is not { Resource: Encounter encounter } target)
        {
            return null; // the missing encounter is reported by the header checks
        }

        var path = $"Bundle.entry[{target.Index}].resource.priority";
        var coding = encounter.Priority?.Coding.FirstOrDefault(x => x.System == "urn:oid:" + ServiceFormSystem);
        if (coding?.Code is null || !ServiceForms.TryGetValue(coding.Code, out var display))
        {
            reader.Problem(TranslationErrorCodes.MissingElement,
                "Encounter.priority: coding urn:oid:1.2.643.5.1.13.13.11.1551 (форма оказания помощи: 1 плановая, 2 экстренная, 3 неотложная) обязателен", path);
            return null;
        }

        return new CdaCode(coding.Code, ServiceFormSystem, "Формы оказания медицинской помощи", ServiceFormVersion, display);
    }
}
