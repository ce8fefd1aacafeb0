namespace EgiszBus.Host.Tools;

/// <summary>Exit codes of the <c>verify</c> and <c>sign</c> tools.</summary>
public static class ToolExitCodes
{
    /// <summary>The signature is valid (verify), or the signature was written (sign).</summary>
    public const int Valid = 0;

    /// <summary>Usage error (bad or missing options) or an input/output error (a missing or unreadable file, a bad key).</summary>
    public const int UsageOrIoError = 1;

    /// <summary>The signature is invalid; the reasons are printed.</summary>
    public const int Invalid = 2;
}
