namespace EgiszBus.Adapters.Mis;

/// <summary>An address as the MIS JSON of kind 80 carries it (the insurer's address).</summary>
/// <param name="Text">Address as text.</param>
/// <param name="PostalCode">Six-digit postal code.</param>
/// <param name="RegionCode">Region code in FNSI 1.2.643.5.1.13.13.99.2.206 (two digits, e.g. 77).</param>
/// <param name="AoGuid">FIAS address object GUID (lower case).</param>
/// <param name="HouseGuid">FIAS house GUID (lower case).</param>
public sealed record NoContactCertificateMisAddress(string Text, string PostalCode, string RegionCode, string AoGuid, string HouseGuid);
