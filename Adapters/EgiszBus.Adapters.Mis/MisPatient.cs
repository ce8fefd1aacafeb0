namespace EgiszBus.Adapters.Mis;

/// <summary>The patient of a laboratory document, as an MIS export gives it.</summary>
/// <param name="Snils">SNILS, 11 digits (checksum checked).</param>
/// <param name="Family">Surname.</param>
/// <param name="Given">First name.</param>
/// <param name="Patronymic">Patronymic, or null.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="GenderCode">FNSI 1.2.643.5.1.13.13.11.1040 code: 1 male, 2 female.</param>
/// <param name="OmsPolicy">OMS policy number, or null.</param>
public sealed record MisPatient(string Snils, string Family, string Given, string? Patronymic, DateOnly BirthDate, string GenderCode, string? OmsPolicy)
{
    /// <inheritdoc />
    public override string ToString() => "MisPatient { *** }";
}
