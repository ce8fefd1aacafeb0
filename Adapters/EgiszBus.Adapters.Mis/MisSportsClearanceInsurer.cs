namespace EgiszBus.Adapters.Mis;

/// <summary>The insurer paying for a sports clearance examination under the patient's OMS policy (SEMD 83, source of payment).</summary>
/// <param name="Code">Insurer code in 1.2.643.5.1.13.13.99.2.183.</param>
/// <param name="Name">Insurer name.</param>
/// <param name="Phone">Insurer phone.</param>
/// <param name="AddressText">Insurer address as text.</param>
/// <param name="PostalCode">Six-digit postal code.</param>
/// <param name="RegionCode">Region code, 1.2.643.5.1.13.13.99.2.206 (e.g. 77).</param>
/// <param name="AoGuid">FIAS address object GUID.</param>
/// <param name="HouseGuid">FIAS house GUID.</param>
/// <param name="PolicyStart">Start of the policy's validity, or null.</param>
public sealed record MisSportsClearanceInsurer(
    string Code, string Name, string Phone, string AddressText, string PostalCode, string RegionCode, string AoGuid, string HouseGuid, DateOnly? PolicyStart);
