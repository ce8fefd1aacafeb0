namespace EgiszBus.Adapters.Mis;

/// <summary>A department of the medical organisation (the laboratory).</summary>
/// <param name="Oid">Department OID (FRMO).</param>
/// <param name="Name">Department name.</param>
public sealed record MisDepartment(string Oid, string Name);
