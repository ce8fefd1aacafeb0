namespace EgiszBus.Adapters.Mis;

/// <summary>One test result of a laboratory document.</summary>
/// <param name="TestCode">Test code in FNSI 1.2.643.5.1.13.13.11.1080.</param>
/// <param name="TestName">Test name as the MIS sends it (the SEMD takes the official name from FNSI).</param>
/// <param name="Value">Numeric result.</param>
/// <param name="UnitCode">Unit code in FNSI 1.2.643.5.1.13.13.11.1358 (the code, not the symbol).</param>
/// <param name="ReferenceRange">Reference interval.</param>
/// <param name="SpecimenDate">When the specimen was taken, local time of the organisation.</param>
/// <param name="SpecimenDateHasTime">False when only a date was given (time 00:00 is then assumed).</param>
public sealed record MisLabResult(string TestCode, string TestName, decimal Value, string UnitCode, MisReferenceRange ReferenceRange,
    DateTime SpecimenDate, bool SpecimenDateHasTime);
