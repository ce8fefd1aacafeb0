namespace EgiszBus.Adapters.Mis;

/// <summary>Problem codes of the prescriptions CSV export (kind 148) that <see cref="MisErrorCodes"/> does not have (range MIS-420…MIS-429).</summary>
public static class PrescriptionCsvMisErrorCodes
{
    /// <summary><c>ПоРешениюВК</c> is not <c>0</c>/<c>1</c> (or <c>нет</c>/<c>да</c>).</summary>
    public const string InvalidFlag = "MIS-420";

    /// <summary>A prescription has more than three rows (products); the SEMD 148 allows one to three.</summary>
    public const string TooManyItems = "MIS-421";
}
