namespace EgiszBus.Adapters.Semd;

/// <summary>The stay in one department (DEPARTINFO encounter): period, attending doctor, department and bed profile.</summary>
internal sealed record DischargeSummaryDepartmentStay(
    string Low, string High, string StaffRoot, string StaffId, CdaCode Position, CdaName Doctor, string DepartmentOid, string DepartmentName, CdaCode BedProfile);
