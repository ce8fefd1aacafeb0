namespace EgiszBus.Adapters.Semd;

/// <summary>The kind-121 body read from the Composition: sections with their entries, ready for writing.</summary>
internal sealed record MseReferralModel(
    IReadOnlyList<(CdaSection Section, int Index)> Sections,
    IReadOnlyDictionary<string, IReadOnlyList<MseReferralValue>> Fields,
    IReadOnlyList<CdaCode> Purposes,
    CdaCode Visit,
    CdaCode Order,
    CdaCode Category,
    MseReferralBureau Bureau,
    IReadOnlyList<(CdaCode Code, string Value, string Unit, string Time)> Vitals,
    CdaCode DiseaseCharacter,
    CdaCode DiagnosisStatus,
    CdaCode Diagnosis,
    string? DiagnosisText);
