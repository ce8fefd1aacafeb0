namespace EgiszBus.Adapters.Mis;

/// <summary>A prescription (SEMD kind 148) as an MIS export carries it.</summary>
/// <param name="DocumentNumber">The MIS document number (becomes the SEMD document id extension).</param>
/// <param name="DocumentDate">Document date and time, local time of the organisation.</param>
/// <param name="OrganizationOid">FRMO OID of the medical organisation.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Author">The prescribing doctor (author and legal authenticator).</param>
/// <param name="Validity">Validity of the prescription, FNSI 1.2.643.5.1.13.13.99.2.608.</param>
/// <param name="ValidUntil">Last day the prescription is valid.</param>
/// <param name="ByCommission">True when prescribed by decision of the medical commission.</param>
/// <param name="Items">The prescribed products (1…3).</param>
public sealed record PrescriptionMisDocument(
    string DocumentNumber, DateTime DocumentDate, string OrganizationOid, MisPatient Patient, MisDoctor Author, PrescriptionMisCoding Validity,
    DateOnly ValidUntil, bool ByCommission, IReadOnlyList<PrescriptionMisItem> Items);
