namespace EgiszBus.Adapters.Mis;

/// <summary>A coded value of a directory the FNSI snapshots do not hold (code, display and version as the MIS sends them).</summary>
/// <param name="Code">The code.</param>
/// <param name="Display">The display name.</param>
/// <param name="Version">The directory version.</param>
public sealed record PrescriptionMisCoding(string Code, string Display, string Version);
