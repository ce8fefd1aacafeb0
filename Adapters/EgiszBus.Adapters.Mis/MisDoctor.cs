namespace EgiszBus.Adapters.Mis;

/// <summary>The author (and legal authenticator) of a laboratory document.</summary>
/// <param name="Snils">SNILS, 11 digits (checksum checked).</param>
/// <param name="Family">Surname.</param>
/// <param name="Given">First name.</param>
/// <param name="Patronymic">Patronymic, or null.</param>
/// <param name="PositionCode">Position code in FNSI 1.2.643.5.1.13.13.11.1002 (e.g. 35).</param>
public sealed record MisDoctor(string Snils, string Family, string Given, string? Patronymic, string PositionCode)
{
    /// <inheritdoc />
    public override string ToString() => $"MisDoctor {{ *** PositionCode = {PositionCode} }}";
}
