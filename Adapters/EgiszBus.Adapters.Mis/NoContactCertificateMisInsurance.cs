namespace EgiszBus.Adapters.Mis;

/// <summary>The source of payment of kind 80: the OMS policy's validity and its insurer (the policy number is <see cref="MisPatient.OmsPolicy"/>).</summary>
/// <param name="PolicyStart">Start of the policy's validity.</param>
/// <param name="PolicyEnd">End of the policy's validity; null for a unified (16-digit, open-ended) policy, required for any other.</param>
/// <param name="Insurer">The insurance company.</param>
public sealed record NoContactCertificateMisInsurance(DateOnly PolicyStart, DateOnly? PolicyEnd, NoContactCertificateMisInsurer Insurer);
