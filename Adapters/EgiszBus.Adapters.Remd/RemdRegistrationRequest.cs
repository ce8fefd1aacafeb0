namespace EgiszBus.Adapters.Remd;

/// <summary>Everything <c>registerDocument</c> carries: metadata, the SEMD bytes and the signatures.</summary>
public sealed record RemdRegistrationRequest(
    string LocalUid,
    string DocumentNumber,
    string Kind,
    string OrganizationOid,
    string? DepartmentOid,
    DateTimeOffset CreatedAt,
    RemdPatient Patient,
    IReadOnlyList<RemdSigner> Signers,
    byte[] Document);
