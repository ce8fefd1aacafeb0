namespace EgiszBus.Host.Logging;

/// <summary>
/// Stands in for a logged exception after <see cref="PersonalDataMaskingSink"/> masked it: <see cref="ToString"/>
/// (what the console and JSON sinks write) is the original exception's full text, inner exceptions and stack traces
/// included, with personal data masked. <see cref="OriginalType"/> keeps the original type's name for filters.
/// </summary>
public sealed class MaskedException : Exception
{
    private readonly string _text;

    /// <summary>Masks <paramref name="original"/>.</summary>
    public MaskedException(Exception original)
        : base(PersonalDataMasker.MaskText(original?.Message ?? string.Empty))
    {
        ArgumentNullException.ThrowIfNull(original);
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = PersonalDataMasker.MaskText(original.ToString());
        HResult = original.HResult;
    }

    /// <summary>The full name of the exception type that was masked.</summary>
    public string OriginalType { get; }

    /// <summary>The original exception's text (type, message, inner exceptions, stack), masked.</summary>
    public override string ToString() => _text;
}
