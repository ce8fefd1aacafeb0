namespace EgiszBus.Adapters.Mis;

/// <summary>Stable codes of problems found in MIS exports (CSV, JSON). Tests and clients match on these, never on the text.</summary>
public static class MisErrorCodes
{
    /// <summary>The input is empty (no bytes, or no header row).</summary>
    public const string EmptyInput = "MIS-001";

    /// <summary>The CSV header row differs from the published layout (unknown name, wrong order).</summary>
    public const string WrongHeader = "MIS-002";

    /// <summary>A column of the published layout is missing from the header.</summary>
    public const string MissingColumn = "MIS-003";

    /// <summary>A row has fewer (or more) fields than the header: typically a truncated file.</summary>
    public const string WrongFieldCount = "MIS-004";

    /// <summary>A required value is empty or absent.</summary>
    public const string MissingValue = "MIS-005";

    /// <summary>A date is malformed or does not exist (e.g. 31.02.2024).</summary>
    public const string InvalidDate = "MIS-006";

    /// <summary>A date exists but is out of the accepted range (before 1900, in the future, birth after the document, …).</summary>
    public const string DateOutOfRange = "MIS-007";

    /// <summary>A number is malformed (the decimal separator is a comma or a point, no thousands separators).</summary>
    public const string InvalidNumber = "MIS-008";

    /// <summary>A SNILS is not 11 digits or has a wrong check number.</summary>
    public const string InvalidSnils = "MIS-009";

    /// <summary>A gender is not 1 (male) or 2 (female) in CSV, or not male/female in JSON.</summary>
    public const string UnknownGender = "MIS-010";

    /// <summary>The rows of one document disagree on a document-level value (patient, doctor, date, organisation).</summary>
    public const string InconsistentDocument = "MIS-011";

    /// <summary>The organisation OID is not in the regional profile.</summary>
    public const string UnknownOrganization = "MIS-012";

    /// <summary>A reference interval is not of the form <c>a-b</c>, <c>&lt;b</c> or <c>&gt;a</c>.</summary>
    public const string InvalidReferenceRange = "MIS-013";

    /// <summary>The bytes are not text in a supported encoding (UTF-8, Windows-1251): binary data, UTF-16, control characters.</summary>
    public const string UnsupportedEncoding = "MIS-014";

    /// <summary>Malformed JSON (location <c>line L, column C</c>) or malformed CSV quoting.</summary>
    public const string MalformedInput = "MIS-015";

    /// <summary>A JSON value of the wrong type, or a property the format does not define.</summary>
    public const string InvalidStructure = "MIS-016";

    /// <summary>A document without results.</summary>
    public const string NoResults = "MIS-017";

    /// <summary>The input is larger than accepted.</summary>
    public const string InputTooLarge = "MIS-018";

    /// <summary>A directory code is not of the form the directory uses (digits only).</summary>
    public const string InvalidCode = "MIS-019";
}
