namespace EgiszBus.Adapters.Remd.Tests;

[TestClass]
public sealed class RemdErrorClassifierTests
{
    [TestMethod]
    [DataRow("RUNTIME_ERROR", RemdOutcome.Retryable)]
    [DataRow("INTERNAL_ERROR", RemdOutcome.Retryable)]
    [DataRow("RATE_LIMIT", RemdOutcome.Retryable)]
    [DataRow("ASYNC_RESPONSE_TIMEOUT", RemdOutcome.Retryable)]
    [DataRow("MIS_NOT_AVAILABLE", RemdOutcome.Retryable)]
    [DataRow("GET_DOCUMENT_FILE_ERROR", RemdOutcome.Retryable)]
    [DataRow("CA_INACCESSIBILITY", RemdOutcome.Retryable)]
    [DataRow("VALSYS_INTERNAL_ERROR", RemdOutcome.Retryable)]
    [DataRow("VALIDATION_ERROR", RemdOutcome.Rejected)]
    [DataRow("PATIENT_MPI_MISMATCH", RemdOutcome.Rejected)]
    [DataRow("SIGNATURE_VERIFICATION_ERROR", RemdOutcome.Rejected)]
    [DataRow("MULTIPLE_SIGNERS", RemdOutcome.Rejected)]
    [DataRow("NO_END_ENTITY_CERTIFICATE", RemdOutcome.Rejected)]
    [DataRow("DOC_DATE_MISMATCH_CERT_NOT_AFTER", RemdOutcome.Rejected)]
    [DataRow("INVALID_DICTIONARY_OID", RemdOutcome.Rejected)]
    [DataRow("NOT_UNIQUE_PROVIDED_ID", RemdOutcome.Rejected)]
    [DataRow("DUPLICATE_REQUEST", RemdOutcome.Rejected)]
    [DataRow("SOMETHING_NEW", RemdOutcome.Rejected)]
    public void GivenSingleCode_WhenClassifying_ThenOutcome(string code, RemdOutcome expected)
    {
        Assert.AreEqual(expected, RemdErrorClassifier.Classify([new RemdError(code, "m")]));
    }

    [TestMethod]
    public void GivenTechnicalAndDataErrors_WhenClassifying_ThenRejected()
    {
        Assert.AreEqual(RemdOutcome.Rejected, RemdErrorClassifier.Classify([new RemdError("RATE_LIMIT", "m"), new RemdError("VALIDATION_ERROR", "m")]));
        Assert.AreEqual(RemdOutcome.Retryable, RemdErrorClassifier.Classify([new RemdError("RATE_LIMIT", "m"), new RemdError("INTERNAL_ERROR", "m")]));
        Assert.AreEqual(RemdOutcome.Rejected, RemdErrorClassifier.Classify([]));
    }

    [TestMethod]
    public void GivenOfficialCodeList_WhenCheckingRetryableCodes_ThenEveryListedCodeExists()
    {
        var path = Path.Combine(TestKit.RepositoryPaths.SharedData, "remd", "error-codes-99.2.305.tsv");
        var official = File.ReadAllLines(path).Where(l => l.Contains(" | ", StringComparison.Ordinal)).Select(l => l.Split(" | ")[0].Trim()).ToHashSet();

        Assert.AreEqual(127, official.Count);
        foreach (var code in RemdErrorClassifier.RetryableCodes.Concat(["NOT_UNIQUE_PROVIDED_ID", "PATIENT_MPI_MISMATCH", "OBJECT_NOT_FOUND", "VALIDATION_ERROR"]))
        {
            Assert.IsTrue(official.Contains(code), code);
        }
    }

    [TestMethod]
    public void GivenDuplicateErrors_WhenCheckingCallResult_ThenIsDuplicate()
    {
        var result = new RemdCallResult(RemdOutcome.Rejected, "urn:uuid:1", [new RemdError("NOT_UNIQUE_PROVIDED_ID", "m")]);

        Assert.IsTrue(result.IsDuplicate);
        Assert.IsTrue(RemdErrorClassifier.IsDuplicate("DUPLICATE_REQUEST"));
        Assert.IsFalse(RemdErrorClassifier.IsDuplicate("VALIDATION_ERROR"));
    }
}
