namespace EgiszBus.Adapters.Mis;

/// <summary>The insurance company (SMO) that pays under the patient's OMS policy.</summary>
/// <param name="Code">Code in the SMO registry, FNSI 1.2.643.5.1.13.13.99.2.183 (e.g. 77013).</param>
/// <param name="Name">Name.</param>
/// <param name="Ogrn">OGRN, 13 digits (check digit checked).</param>
/// <param name="Inn">INN, 10 digits (check digit checked), or null.</param>
/// <param name="Phone">Phone, <c>+</c> and digits only.</param>
/// <param name="Address">Address.</param>
public sealed record NoContactCertificateMisInsurer(string Code, string Name, string Ogrn, string? Inn, string Phone, NoContactCertificateMisAddress Address);
