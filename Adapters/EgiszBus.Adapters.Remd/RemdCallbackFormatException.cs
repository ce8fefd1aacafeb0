namespace EgiszBus.Adapters.Remd;

/// <summary>A <c>registerDocumentResult</c> callback that cannot be read. <see cref="Code"/> is stable (<c>REMD-CB-001</c>…).</summary>
public sealed class RemdCallbackFormatException : Exception
{
    /// <summary>Not well-formed XML, or a DTD (prohibited).</summary>
    public const string MalformedXml = "REMD-CB-001";

    /// <summary>Larger than <see cref="RemdCallbackParser.MaxBytes"/>.</summary>
    public const string TooLarge = "REMD-CB-002";

    /// <summary>No <c>registerDocumentResult</c> element (wrong root or empty SOAP body).</summary>
    public const string NotACallback = "REMD-CB-003";

    /// <summary>Neither <c>relatesToMessage</c>/<c>RelatesTo</c> nor <c>localUid</c>: the callback cannot be correlated.</summary>
    public const string NoCorrelation = "REMD-CB-004";

    /// <summary><c>status</c> is neither <c>success</c> nor <c>error</c>.</summary>
    public const string InvalidStatus = "REMD-CB-005";

    /// <summary>A date that is not an ISO 8601 date or date-time.</summary>
    public const string InvalidDate = "REMD-CB-006";

    /// <summary>An <c>errors/item</c> without a <c>code</c>.</summary>
    public const string ErrorWithoutCode = "REMD-CB-007";

    /// <summary>Creates the exception.</summary>
    public RemdCallbackFormatException(string code, string message, int line, int position, Exception? innerException = null)
        : base($"{code}: {message} (line {line}, position {position})", innerException)
    {
        Code = code;
        Line = line;
        Position = position;
    }

    /// <summary>The stable error code.</summary>
    public string Code { get; }

    /// <summary>1-based line of the offending node, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based position in the line, 0 when unknown.</summary>
    public int Position { get; }
}
