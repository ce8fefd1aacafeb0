namespace EgiszBus.Adapters.Mis;

/// <summary>A period without contacts with infectious patients (SEMD 80 field 10001), dates inclusive.</summary>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (not before <paramref name="Start"/>).</param>
public sealed record NoContactCertificateMisPeriod(DateOnly Start, DateOnly End);
