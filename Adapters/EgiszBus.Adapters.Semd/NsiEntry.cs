namespace EgiszBus.Adapters.Semd;

/// <summary>One row of an FNSI directory snapshot, ready for a CDA coded element.</summary>
/// <param name="Oid">Directory OID (codeSystem).</param>
/// <param name="DirectoryName">Directory full name (codeSystemName).</param>
/// <param name="Version">Snapshot version (codeSystemVersion), from the file name.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The display name (displayName).</param>
/// <param name="Columns">All columns of the row, as in the snapshot.</param>
public sealed record NsiEntry(string Oid, string DirectoryName, string Version, string Code, string Display, IReadOnlyDictionary<string, string?> Columns);
