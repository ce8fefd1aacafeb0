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

    /// <summary>
    /// Kind → folder of the XSD to use instead of <c>semd/{kind}/</c> (another kind's folder name or an absolute path),
    /// for kinds whose folder is missing or holds the wrong rules. In the public data kept with this project,
    /// <c>semd/147</c> holds the rules of kind 142, so a discharge summary can only be checked against the base CDA
    /// schema (<c>"147": "119"</c>) until the Ministry's 147 package is installed.
    /// </summary>
    public Dictionary<string, string> SchemaFolders { get; set; } = [];
}
