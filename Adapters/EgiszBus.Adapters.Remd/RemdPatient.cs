namespace EgiszBus.Adapters.Remd;

/// <summary>The patient as registerDocument names them. Personal data: never log.</summary>
public sealed record RemdPatient(string Snils, string Family, string Given, string? Patronymic, string BirthDate, string GenderCode);
