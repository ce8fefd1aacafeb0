namespace EgiszBus.Adapters.Semd;

/// <summary>One prescribed medicinal product of a prescription (kinds 148 and 141), ready for <see cref="PrescriptionCda.WriteItem"/>.</summary>
internal sealed record PrescriptionItem(
    CdaCode Medication, string? Name, CdaCode Route, string Start, string End, int Days, CdaCode DayUnit,
    decimal Period, string PeriodUcum, CdaCode PeriodUnit, decimal Dose, string DoseUcum, CdaCode DoseUnit,
    decimal Quantity, CdaCode QuantityUnit);
