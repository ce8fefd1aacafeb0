namespace EgiszBus.Adapters.Mis;

/// <summary>A preferential prescription (SEMD kind 141) as an MIS export carries it: the prescription part shared with kind 148, plus the kind's own fields.</summary>
/// <param name="Prescription">Number, date, organisation, patient, author, validity, commission flag and the one item (read as for kind 148).</param>
/// <param name="Series">Series of the prescription form (6001).</param>
/// <param name="Number">Number of the prescription form (6002).</param>
/// <param name="Electronic">The 11001 flag of DOCINFO (boolean).</param>
/// <param name="DiagnosisCode">ICD-10 code, FNSI 1.2.643.5.1.13.13.11.1005.</param>
/// <param name="Benefit">Category of benefit, 1.2.643.5.1.13.13.99.2.541.</param>
/// <param name="Financing">Source of financing, 1.2.643.5.1.13.13.99.2.605.</param>
/// <param name="PaymentPercent">Percentage paid by the benefit (1…100).</param>
/// <param name="CaseId">Case (encounter) id in the MIS (urn:oid:&lt;root&gt;.15).</param>
/// <param name="CardId">Outpatient card id in the MIS (urn:oid:&lt;root&gt;.17).</param>
public sealed record PreferentialPrescriptionMisDocument(
    PrescriptionMisDocument Prescription, string Series, string Number, bool Electronic, string DiagnosisCode, PrescriptionMisCoding Benefit,
    PrescriptionMisCoding Financing, decimal PaymentPercent, string CaseId, string CardId);
