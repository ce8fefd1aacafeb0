namespace EgiszBus.Adapters.Mis;

/// <summary>Problem codes of the MIS JSON discharge summary format beyond <see cref="MisErrorCodes"/> (range MIS-375…MIS-379).</summary>
public static class DischargeSummaryMisErrorCodes
{
    /// <summary>A discharge summary without diagnoses (<c>diagnoses</c> empty).</summary>
    public const string NoDiagnoses = "MIS-375";
}
