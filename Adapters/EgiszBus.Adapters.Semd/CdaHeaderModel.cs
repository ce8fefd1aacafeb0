namespace EgiszBus.Adapters.Semd;

// The CDA header of any SEMD kind, between FHIR and XML (both directions). Times are CDA TS strings; null = nullFlavor.
internal sealed record CdaCode(string Code, string System, string? SystemName, string? Version, string? Display);

internal sealed record CdaAddress(CdaCode? Type, string? Text, CdaCode? Region, string? PostalCode, string? AoGuid, string? HouseGuid);

internal sealed record CdaTelecom(string? Use, string Value);

internal sealed record CdaOrganization(string Oid, string? DepartmentOid, string? Name, string? Ogrn, IReadOnlyList<CdaTelecom> Telecoms, CdaAddress? Address);

internal sealed record CdaName(string Family, string Given, string? Patronymic);

internal sealed record CdaStaff(
    string? LocalIdRoot, string? LocalId, string? Snils, CdaCode? Position, CdaName? Name, CdaAddress? Address,
    IReadOnlyList<CdaTelecom> Telecoms, CdaOrganization? Organization);

internal sealed record CdaIdentityDocument(CdaCode Type, string? Series, string Number, string? IssueOrgName, string? IssueOrgCode, string? IssueDate);

internal sealed record CdaPolicy(CdaCode Type, string? Series, string Number);

internal sealed record CdaPatient(
    string? LocalIdRoot, string? LocalId, string? Snils, CdaIdentityDocument? IdentityDocument, CdaPolicy? Policy,
    IReadOnlyList<CdaAddress> Addresses, IReadOnlyList<CdaTelecom> Telecoms, CdaName? Name, CdaCode? Gender, string? BirthTime,
    CdaOrganization? Provider);

internal sealed record CdaPerformer(string TypeCode, CdaStaff Staff);

/// <summary>
/// documentationOf/serviceEvent; ServiceForm, ServiceType and ServiceCond (kinds 147, 186) are written as
/// medService:serviceForm/serviceType/serviceCond after effectiveTime when not null.
/// </summary>
internal sealed record CdaServiceEvent(
    CdaCode? Code, string? Low, string? High, IReadOnlyList<CdaPerformer> Performers, CdaCode? ServiceForm = null, CdaCode? ServiceCond = null,
    CdaCode? ServiceType = null);

/// <summary>componentOf/encompassingEncounter; DocType is written as medService:DocType, DischargeDisposition (kind 147) as dischargeDispositionCode after effectiveTime.</summary>
internal sealed record CdaEncounter(IReadOnlyList<(string Root, string Extension)> Ids, CdaCode? Code, string? Low, string? High, CdaCode? DocType = null,
    CdaCode? DischargeDisposition = null);

internal sealed record CdaHeader(
    string TemplateId, string IdRoot, string IdExtension, CdaCode Code, IReadOnlyList<CdaCode> Translations, string Title,
    string? EffectiveTime, CdaCode Confidentiality, string SetIdRoot, string SetIdExtension, int Version, CdaPatient Patient,
    string? AuthorTime, CdaStaff Author, CdaOrganization Custodian, string? LegalTime, CdaStaff LegalAuthenticator,
    CdaServiceEvent? ServiceEvent, CdaEncounter? Encounter);

/// <summary>A body section: code (99.2.197), title, narrative as CDA XML (the children of <c>text</c>), nested sections.</summary>
internal sealed record CdaSection(CdaCode Code, string Title, System.Xml.Linq.XElement? Text, IReadOnlyList<CdaSection> Sections);
