namespace EgiszBus.Adapters.Semd;

/// <summary>One version of an FNSI directory as the reference-data folder holds it.</summary>
/// <param name="Oid">Directory OID.</param>
/// <param name="Version">Version (from the file name, e.g. <c>3.23</c>).</param>
/// <param name="Name">Directory full name from the passport (the OID when there is no passport).</param>
/// <param name="PublishedOn">Passport <c>publishDate</c> (date part): the day this version came into force; null when unknown.</param>
/// <param name="Rows">Rows by code.</param>
public sealed record NsiSnapshot(string Oid, string Version, string Name, DateOnly? PublishedOn, IReadOnlyDictionary<string, NsiEntry> Rows);
