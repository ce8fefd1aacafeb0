namespace EgiszBus.Adapters.Mis;

/// <summary>A postal address as the SEMD needs it (text, postal code, region, FIAS ids).</summary>
/// <param name="Text">Address as text.</param>
/// <param name="PostalCode">Six-digit postal code.</param>
/// <param name="Region">Region, FNSI 1.2.643.5.1.13.13.99.2.206 (e.g. 77 «г. Москва»).</param>
/// <param name="AoGuid">FIAS address object GUID.</param>
/// <param name="HouseGuid">FIAS house GUID.</param>
/// <param name="Type">Address type, FNSI 1.2.643.5.1.13.13.11.1504 (required for a patient address), or null.</param>
public sealed record MisAddress(string Text, string PostalCode, MisCoding Region, string AoGuid, string HouseGuid, MisCoding? Type = null);
