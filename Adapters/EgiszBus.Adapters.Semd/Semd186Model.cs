namespace EgiszBus.Adapters.Semd;

// The checked content of a kind 186 document, between the FHIR reader and the CDA writer. The common header is the shared
// CdaHeader model (written by CdaHeaderWriter); the records here are the 186 body.
internal sealed record CodedValue(string Code, string System, string SystemName, string Version, string Display)
{
    public static CodedValue Of(NsiEntry entry) => new(entry.Code, entry.Oid, entry.DirectoryName, entry.Version, entry.Display);

    public CdaCode ToCda() => new(Code, System, SystemName, Version, Display);
}

internal sealed record SpecimenInfo(
    string Reference, string IdRoot, string Id, CodedValue Type, DateTimeOffset CollectedFrom, DateTimeOffset CollectedTo,
    DateTimeOffset Received, decimal? Quantity, CodedValue? QuantityUnit, string? QuantityUnitSymbol, string? Description);

internal sealed record DeviceInfo(string Reference, string IdRoot, string Id, string Model);

/// <summary>One result; the performer is a header-model staff member (local id, position and name are written).</summary>
internal sealed record ResultInfo(
    CodedValue Test, DateTimeOffset Effective, decimal Value, CodedValue Unit, string UnitSymbol, CodedValue Interpretation,
    decimal? Low, decimal? High, string? RangeText, SpecimenInfo Specimen, DeviceInfo Device, CdaStaff Performer);

internal sealed record LaboratoryDocument(
    CdaHeader Header, IReadOnlyList<SpecimenInfo> Specimens, IReadOnlyList<DeviceInfo> Devices, IReadOnlyList<ResultInfo> Results,
    CodedValue SectionSpecimens, CodedValue SectionAnalysers, CodedValue SectionResults);
