namespace EgiszBus.Adapters.Mis;

/// <summary>
/// A certificate of no contact with infectious patients (SEMD 80) as the MIS JSON format carries it
/// (<c>Schemas/mis/nocontactcertificate.schema.json</c>).
/// </summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation (the profile gives the offset).</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient; <see cref="MisPatient.OmsPolicy"/> is the policy number of <c>insurance.policyNumber</c> (always set).</param>
/// <param name="Author">The doctor who issues and signs the certificate.</param>
/// <param name="CareOrder">Field 837 «Заключение»: code in 1.2.643.5.1.13.13.99.2.725 — 8 «За последние 21 день инфекционных заболеваний не зарегистрировано» or 26 «освобожден от занятий, посещений детского дошкольного учреждения» (the only codes the 80 rules allow).</param>
/// <param name="Contact">Field 12007: whether there was a contact with infectious patients, or null when not stated.</param>
/// <param name="ContactNote">Text of field 12007, or null.</param>
/// <param name="Periods">Field 10001: one or two periods without contacts.</param>
/// <param name="Note">Field 7000 «Примечание», or null.</param>
/// <param name="Text">The certificate text as the MIS wrote it, or null (the Bundle builder then composes it from the fields).</param>
/// <param name="Insurance">Source of payment.</param>
public sealed record NoContactCertificateMisDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author, string CareOrder, bool? Contact,
    string? ContactNote, IReadOnlyList<NoContactCertificateMisPeriod> Periods, string? Note, string? Text, NoContactCertificateMisInsurance Insurance)
{
    /// <inheritdoc />
    public override string ToString() => $"NoContactCertificateMisDocument {{ DocumentNumber = {DocumentNumber}, CareOrder = {CareOrder}, *** }}";
}
