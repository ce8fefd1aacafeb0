namespace EgiszBus.Contracts;

/// <summary>Patient identity as REMD cross-checks it. Personal data: never log these values.</summary>
public sealed record PatientFacts(
    string Snils,
    string Family,
    string Given,
    string? Patronymic,
    string BirthDate,
    string GenderCode);
