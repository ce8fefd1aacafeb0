namespace EgiszBus.Contracts;

/// <summary>
/// The facts REMD needs next to the SEMD bytes (registration metadata), extracted once by the documents endpoint
/// so that federal adapters never parse SEMD. Dates are ISO-8601 strings to keep the wire format stable.
/// </summary>
public sealed record DocumentFacts(
    string DocumentNumber,
    string OrganizationOid,
    string? DepartmentOid,
    DateTimeOffset CreatedAt,
    PatientFacts Patient,
    IReadOnlyList<SignerFacts> Signers);
