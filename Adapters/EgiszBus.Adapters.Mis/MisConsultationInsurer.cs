namespace EgiszBus.Adapters.Mis;

/// <summary>The insurer paying a consultation under OMS (SEMD 119 requires the source of payment).</summary>
/// <param name="Code">Insurer code in FNSI 1.2.643.5.1.13.13.99.2.183 (e.g. 77013).</param>
/// <param name="Name">Insurer name.</param>
/// <param name="Phone">Insurer phone.</param>
/// <param name="Address">Insurer address.</param>
/// <param name="PolicyStart">Start of the patient's OMS policy validity, or null.</param>
public sealed record MisConsultationInsurer(string Code, string Name, string Phone, MisAddress Address, DateOnly? PolicyStart);
