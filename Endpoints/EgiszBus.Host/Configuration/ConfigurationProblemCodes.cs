namespace EgiszBus.Host.Configuration;

/// <summary>Stable codes of <see cref="ConfigurationProblem"/>.</summary>
public static class ConfigurationProblemCodes
{
    /// <summary>The value cannot be read as the key's type (duration, number, GUID, true/false).</summary>
    public const string InvalidValue = "CFG-001";

    /// <summary>The value is not one of the allowed names.</summary>
    public const string NotAllowed = "CFG-002";

    /// <summary>The value is not an absolute http(s) URL.</summary>
    public const string InvalidUrl = "CFG-003";

    /// <summary>The value is outside its allowed range.</summary>
    public const string OutOfRange = "CFG-004";

    /// <summary>A required value is missing.</summary>
    public const string Required = "CFG-005";

    /// <summary>A file or directory the value names does not exist.</summary>
    public const string NotFound = "CFG-006";

    /// <summary>A problem reported by the bus settings' own validation (<c>BusOptions.Validate()</c>).</summary>
    public const string Bus = "CFG-007";

    /// <summary>Warning: a key under one of our sections that nothing reads (a typo?).</summary>
    public const string UnknownKey = "CFG-100";
}
