namespace EgiszBus.Adapters.Semd;

/// <summary>The patient of a document. Personal data: never log these values.</summary>
/// <param name="Snils">11 digits, no separators.</param>
/// <param name="Family">Family name.</param>
/// <param name="Given">Given name.</param>
/// <param name="Patronymic">Patronymic (second <c>HumanName.given</c>), or null.</param>
/// <param name="BirthDate"><c>yyyy-MM-dd</c>.</param>
/// <param name="GenderCode">FNSI 1.2.643.5.1.13.13.11.1040 code: 1 male, 2 female, 3 unknown.</param>
public sealed record SemdPatientFacts(string Snils, string Family, string Given, string? Patronymic, string BirthDate, string GenderCode);
