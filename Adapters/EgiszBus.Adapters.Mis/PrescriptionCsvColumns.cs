namespace EgiszBus.Adapters.Mis;

/// <summary>The columns of the prescriptions CSV export (kind 148), in their required order (see <c>Schemas/mis/prescriptions-csv.md</c>).</summary>
public static class PrescriptionCsvColumns
{
    /// <summary>Column names, in order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "НомерРецепта", "ДатаРецепта", "OIDМО", "НаименованиеМО", "СНИЛСПациента", "Фамилия", "Имя", "Отчество", "ДатаРождения", "Пол",
        "ПолисОМС", "СНИЛСВрача", "ФамилияВрача", "ИмяВрача", "ОтчествоВрача", "КодДолжности", "КодСрокаДействия", "СрокДействия",
        "ВерсияСправочникаСроков", "ДействителенДо", "ПоРешениюВК",
        "КодЛП", "НаименованиеЛП", "ВерсияЕСКЛП", "НаименованиеВРецепте", "КодПутиВведения", "ПутьВведения", "ВерсияСправочникаПутей",
        "НачалоПриема", "ОкончаниеПриема", "РазоваяДоза", "ЕдиницаДозы", "Интервал", "ЕдиницаИнтервала", "Количество", "ЕдиницаКоличества",
        "Сигнатура",
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
    internal const int ValidityCode = 16;
    internal const int ValidityDisplay = 17;
    internal const int ValidityVersion = 18;
    internal const int ValidUntil = 19;
    internal const int ByCommission = 20;
    internal const int MedicationCode = 21;
    internal const int MedicationDisplay = 22;
    internal const int MedicationVersion = 23;
    internal const int Name = 24;
    internal const int RouteCode = 25;
    internal const int RouteDisplay = 26;
    internal const int RouteVersion = 27;
    internal const int Start = 28;
    internal const int End = 29;
    internal const int Dose = 30;
    internal const int DoseUnit = 31;
    internal const int Period = 32;
    internal const int PeriodUnit = 33;
    internal const int Quantity = 34;
    internal const int QuantityUnit = 35;
    internal const int Instruction = 36;

    /// <summary>The columns every row of one prescription must repeat identically (all before <c>КодЛП</c>).</summary>
    internal static readonly int[] DocumentLevel = [.. Enumerable.Range(DocumentDate, MedicationCode - DocumentDate)];
}
