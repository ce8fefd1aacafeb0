namespace EgiszBus.Adapters.Mis;

/// <summary>One prescribed medicinal product of a prescription (kind 148).</summary>
/// <param name="Medication">ESKLP product, FNSI 1.2.643.5.1.13.13.99.2.611.</param>
/// <param name="Name">Name as printed on the prescription.</param>
/// <param name="Route">Route of administration, FNSI 1.2.643.5.1.13.13.11.1468.</param>
/// <param name="Start">First day of the course.</param>
/// <param name="End">Last day of the course.</param>
/// <param name="Dose">Single dose.</param>
/// <param name="DoseUnitCode">Unit of the dose, FNSI 1.2.643.5.1.13.13.11.1358.</param>
/// <param name="Period">Interval between intakes.</param>
/// <param name="PeriodUnit">Unit of the interval: min, h, d, wk.</param>
/// <param name="Quantity">Quantity prescribed.</param>
/// <param name="QuantityUnitCode">Unit of the quantity, FNSI 1.2.643.5.1.13.13.11.1358.</param>
/// <param name="Instruction">Signa (how to take), or null.</param>
public sealed record PrescriptionMisItem(
    PrescriptionMisCoding Medication, string Name, PrescriptionMisCoding Route, DateOnly Start, DateOnly End, decimal Dose, string DoseUnitCode,
    decimal Period, string PeriodUnit, decimal Quantity, string QuantityUnitCode, string? Instruction);
