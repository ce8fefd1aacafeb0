namespace EgiszBus.Adapters.Semd;

/// <summary>The bureau of medical-social expertise the patient is referred to.</summary>
internal sealed record MseReferralBureau(CdaCode Type, string Oid, string Ogrn, CdaAddress Address);
