namespace EgiszBus.Adapters.Semd;

/// <summary>Stable codes of <see cref="TranslationProblem"/>. Tests and callers match on these, never on the text.</summary>
public static class TranslationErrorCodes
{
    /// <summary>The input is not well-formed JSON; the location is <c>line L, column C</c>.</summary>
    public const string MalformedJson = "TRN-001";

    /// <summary>The JSON could not be read as a FHIR R4 resource (unknown element, wrong type of a value).</summary>
    public const string NotFhir = "TRN-002";

    /// <summary>The resource is not a <c>Bundle</c>.</summary>
    public const string NotABundle = "TRN-003";

    /// <summary><c>Bundle.type</c> is not <c>document</c>.</summary>
    public const string NotADocument = "TRN-004";

    /// <summary>The first entry of the Bundle is not a <c>Composition</c>.</summary>
    public const string FirstEntryNotComposition = "TRN-005";

    /// <summary><c>Composition.type</c> does not carry 1.2.643.5.1.13.13.11.1520 code 186.</summary>
    public const string WrongDocumentKind = "TRN-006";

    /// <summary>A required element is missing (identifier, date, name, birth date, gender, address, value, …).</summary>
    public const string MissingElement = "TRN-007";

    /// <summary>A reference is missing or points to no entry of the Bundle.</summary>
    public const string UnresolvedReference = "TRN-008";

    /// <summary>A person (patient or doctor) carries no SNILS identifier (<c>urn:oid:1.2.643.100.3</c>).</summary>
    public const string MissingSnils = "TRN-009";

    /// <summary>A SNILS is not 11 digits or its check number is wrong.</summary>
    public const string InvalidSnils = "TRN-010";

    /// <summary>A code is not in the FNSI directory named by its system (the message names the OID and the code).</summary>
    public const string UnknownCode = "TRN-011";

    /// <summary>The document carries no laboratory result (no Observation with a value).</summary>
    public const string NoResults = "TRN-012";

    /// <summary><c>Bundle.signature</c> is unusable: <c>data</c> missing or not base64, <c>who</c> unresolvable.</summary>
    public const string InvalidSignature = "TRN-013";

    /// <summary>A value has a wrong form (an identifier system that is not an OID of the expected kind, a date without time zone, …).</summary>
    public const string InvalidValue = "TRN-014";

    /// <summary>SEMD → FHIR: the input is not well-formed XML, holds a DTD, or is too large or too deep; location <c>line L, column C</c>.</summary>
    public const string MalformedXml = "TRN-201";

    /// <summary>SEMD → FHIR: the root element is not <c>ClinicalDocument</c> in the <c>urn:hl7-org:v3</c> namespace.</summary>
    public const string NotClinicalDocument = "TRN-202";

    /// <summary>SEMD → FHIR: a required header element or attribute is missing (location is its XPath).</summary>
    public const string MissingHeaderElement = "TRN-203";

    /// <summary>SEMD → FHIR: a header value has a wrong form (a TS that is not a date, a versionNumber that is not an integer, …).</summary>
    public const string InvalidHeaderValue = "TRN-204";

    /// <summary>SEMD → FHIR: the document kind is unknown (the code is neither a 1520 kind nor a 1522 type of a known template).</summary>
    public const string UnknownDocumentKind = "TRN-205";

    /// <summary>
    /// The document date lies outside the kind's validity window in FNSI 1.2.643.5.1.13.13.11.1520 (START_DATE/END_DATE):
    /// REMD refuses a kind that is not in force on the document date.
    /// </summary>
    public const string KindNotInForce = "TRN-206";

    /// <summary>
    /// SEMD: a coded element's <c>@code</c> is not in the FNSI version it is checked against (the declared <c>@codeSystemVersion</c>
    /// when the reference data holds it and it was in force on the document date, else the version in force on that date).
    /// REMD answers <c>INVALID_ELEMENT_VALUE_CODE</c>. Location: XPath and line/column.
    /// </summary>
    public const string CodeNotInDirectoryVersion = "TRN-207";

    /// <summary>SEMD: a coded element's <c>@displayName</c> differs from the FNSI name of its code in that version (REMD: <c>INVALID_ELEMENT_VALUE_NAME</c>).</summary>
    public const string DisplayNameMismatch = "TRN-208";

    /// <summary>SEMD: <c>@codeSystemVersion</c> names an FNSI version published after the document date (REMD: <c>INVALID_DICTIONARY_VERSION</c>).</summary>
    public const string DirectoryVersionNotYetInForce = "TRN-209";
}
