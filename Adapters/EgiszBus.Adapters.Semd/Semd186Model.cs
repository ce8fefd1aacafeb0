namespace EgiszBus.Adapters.Semd;

// The checked content of a kind 186 document, between the FHIR reader and the CDA writer.
internal sealed record CodedValue(string Code, string System, string SystemName, string Version, string Display)
{
    public static CodedValue Of(NsiEntry entry) => new(entry.Code, entry.Oid, entry.DirectoryName, entry.Version, entry.Display);
}

internal sealed record PostalAddress(CodedValue? Type, string Text, CodedValue Region, string PostalCode, string AoGuid, string HouseGuid);

internal sealed record OrganizationInfo(string Oid, string? DepartmentOid, string Name, string? Ogrn, string? Phone, PostalAddress Address);

internal sealed record StaffInfo(string LocalIdRoot, string LocalId, string Snils, string Family, string Given, string? Patronymic, CodedValue Position, OrganizationInfo Organization);

internal sealed record PatientInfo(
    string LocalIdRoot, string LocalId, string Snils, string Family, string Given, string? Patronymic,
    CodedValue Gender, string BirthDate, PostalAddress Address, CodedValue? PolicyType, string? PolicyNumber);

internal sealed record SpecimenInfo(
    string Reference, string IdRoot, string Id, CodedValue Type, DateTimeOffset CollectedFrom, DateTimeOffset CollectedTo,
    DateTimeOffset Received, decimal? Quantity, CodedValue? QuantityUnit, string? QuantityUnitSymbol, string? Description);

internal sealed record DeviceInfo(string Reference, string IdRoot, string Id, string Model);

internal sealed record ResultInfo(
    CodedValue Test, DateTimeOffset Effective, decimal Value, CodedValue Unit, string UnitSymbol, CodedValue Interpretation,
    decimal? Low, decimal? High, string? RangeText, SpecimenInfo Specimen, DeviceInfo Device, StaffInfo Performer);

internal sealed record LaboratoryDocument(
    string IdRoot, string IdExtension, string SetIdRoot, string SetIdExtension, int Version, string Title, DateTimeOffset Date,
    CodedValue Kind, CodedValue DocumentType, CodedValue Confidentiality, PatientInfo Patient, StaffInfo Author, StaffInfo LegalAuthenticator,
    OrganizationInfo Custodian, DateTimeOffset ServiceFrom, DateTimeOffset ServiceTo, CodedValue ServiceEventCode,
    IReadOnlyList<SpecimenInfo> Specimens, IReadOnlyList<DeviceInfo> Devices, IReadOnlyList<ResultInfo> Results,
    CodedValue SectionSpecimens, CodedValue SectionAnalysers, CodedValue SectionResults);
