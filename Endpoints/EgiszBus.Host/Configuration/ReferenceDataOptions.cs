namespace EgiszBus.Host.Configuration;

/// <summary>The official reference data: SEMD XSD and schematrons, FNSI snapshots, REMD codes (section <c>ReferenceData</c>).</summary>
public sealed class ReferenceDataOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ReferenceData";

    /// <summary>
    /// The folder holding <c>semd/</c>, <c>nsi/</c>, <c>remd/</c>. When empty, <c>../shared/data</c> beside the repository the
    /// executable runs from; required when the executable is not inside a repository. After loading: a full path.
    /// </summary>
    public string? Path { get; set; }
}
