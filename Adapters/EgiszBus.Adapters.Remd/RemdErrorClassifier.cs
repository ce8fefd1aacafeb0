namespace EgiszBus.Adapters.Remd;

/// <summary>
/// Types REMD error codes (FNSI 1.2.643.5.1.13.13.99.2.305) as technical (worth retrying) or not.
/// Everything not listed in <see cref="RetryableCodes"/> is a data, signature or permission error and is rejected.
/// </summary>
public static class RemdErrorClassifier
{
    /// <summary>The codes that name a technical failure on REMD's or a checking system's side.</summary>
    public static IReadOnlySet<string> RetryableCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "RUNTIME_ERROR",              // 40 unexpected error
        "INTERNAL_ERROR",             // 11 internal error
        "RATE_LIMIT",                 // 95 protective limit, retry in a minute or later
        "ASYNC_RESPONSE_TIMEOUT",     // 97 checking system did not answer in time
        "MIS_NOT_AVAILABLE",          // 16 our service (getDocumentFile) unreachable
        "MIS_ERROR",                  // 15 our service answered with an error
        "RMIS_ERROR",                 // 59 error answer in getDocumentFileResponse
        "GET_DOCUMENT_FILE_ERROR",    // 61 REMD could not fetch the file
        "FILE_WAS_NOT_SENT",          // 56 the file did not arrive
        "WRONG_MESSAGE_ID",           // 48 REMD lost track of the asynchronous file request
        "CA_INACCESSIBILITY",         // 62 OCSP and CRL unreachable
        "VALSYS_INTERNAL_ERROR",      // 119 checking system internal error
        "VALSYS_REJECT",              // 96 could not send to the checking system
        "SCHEMA_PROCESSING_ERROR",    // 103 internal error of the validation template
        "XML_VALIDATOR_ERROR",        // 102 internal SEMD validation error
        "PATIENT_CREATION_ERROR",     // 29 MPI failed to create the patient
        "PATIENT_ALREADY_REGISTERED", // 60 MPI internal error while creating the patient
    };

    /// <summary>The codes by which REMD says the <c>localUid</c> was seen before.</summary>
    public static IReadOnlySet<string> DuplicateCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "NOT_UNIQUE_PROVIDED_ID",
        "DUPLICATE_REQUEST",
    };

    /// <summary>True when <paramref name="code"/> is technical and worth retrying.</summary>
    public static bool IsRetryable(string code) => RetryableCodes.Contains(code.Trim());

    /// <summary>True when <paramref name="code"/> says the localUid is already known to REMD.</summary>
    public static bool IsDuplicate(string code) => DuplicateCodes.Contains(code.Trim());

    /// <summary>
    /// <see cref="RemdOutcome.Retryable"/> when every error is technical, otherwise <see cref="RemdOutcome.Rejected"/>
    /// (one data error is enough: a retry would meet it again). An empty list is <see cref="RemdOutcome.Rejected"/>.
    /// </summary>
    public static RemdOutcome Classify(IEnumerable<RemdError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var any = false;
        foreach (var error in errors)
        {
            any = true;
            if (!IsRetryable(error.Code))
            {
                return RemdOutcome.Rejected;
            }
        }

        return any ? RemdOutcome.Retryable : RemdOutcome.Rejected;
    }
}
