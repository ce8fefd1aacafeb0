namespace EgiszBus.Adapters.Mis;

/// <summary>The columns of the laboratory CSV export, in their required order (see <c>Schemas/mis/laboratory-csv.md</c>).</summary>
public static class LaboratoryCsvColumns
{
    /// <summary>Column names, in order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "НомерДокумента", "ДатаДокумента", "OIDМО", "НаименованиеМО", "СНИЛСПациента", "Фамилия", "Имя", "Отчество", "ДатаРождения", "Пол",
        "ПолисОМС", "СНИЛСВрача", "ФамилияВрача", "ИмяВрача", "ОтчествоВрача", "КодДолжности", "КодТеста", "НаименованиеТеста", "Результат",
        "ЕдиницаИзмерения", "РефИнтервал", "ДатаВзятияБиоматериала",
    ];

    /// <summary>The header row as the export writes it.</summary>
    public static string Header => string.Join(';', All);

    internal const int DocumentNumber = 0;
    internal const int DocumentDate = 1;
    internal const int OrganizationOid = 2;
    internal const int OrganizationName = 3;
    internal const int PatientSnils = 4;
    internal const int Family = 5;
    internal const int Given = 6;
    internal const int Patronymic = 7;
    internal const int BirthDate = 8;
    internal const int Gender = 9;
    internal const int OmsPolicy = 10;
    internal const int DoctorSnils = 11;
    internal const int DoctorFamily = 12;
    internal const int DoctorGiven = 13;
    internal const int DoctorPatronymic = 14;
    internal const int PositionCode = 15;
    internal const int TestCode = 16;
    internal const int TestName = 17;
    internal const int Value = 18;
    internal const int Unit = 19;
    internal const int ReferenceRange = 20;
    internal const int SpecimenDate = 21;

    /// <summary>The columns every row of one document must repeat identically.</summary>
    internal static readonly int[] DocumentLevel = [DocumentDate, OrganizationOid, OrganizationName, PatientSnils, Family, Given, Patronymic, BirthDate, Gender,
        OmsPolicy, DoctorSnils, DoctorFamily, DoctorGiven, DoctorPatronymic, PositionCode];
}
