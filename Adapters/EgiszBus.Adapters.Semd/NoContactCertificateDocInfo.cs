namespace EgiszBus.Adapters.Semd;

/// <summary>The DOCINFO section of kind 80, read from the Composition's section and its Observations.</summary>
internal sealed record NoContactCertificateDocInfo(
    CdaSection Section, CdaCode CareOrder, bool? Contact, string? ContactNote, IReadOnlyList<(string Low, string High)> Periods, string? Note);
