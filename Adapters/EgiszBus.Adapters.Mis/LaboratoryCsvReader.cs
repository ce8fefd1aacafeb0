using System.Globalization;
using Row = EgiszBus.Adapters.Mis.MisCsvRow;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the regional laboratory CSV export (<c>Schemas/mis/laboratory-csv.md</c>): <c>;</c>-separated, header row, one row per
/// test result, rows grouped into documents by <c>НомерДокумента</c>; UTF-8 (with or without BOM) or Windows-1251, detected.
/// Problems are located <c>line L, column C (ColumnName)</c>, L being the physical line where the row starts.
/// A document with any problem is left out; the other documents are returned.
/// </summary>
public sealed class LaboratoryCsvReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 64 * 1024 * 1024;

    private static readonly string[] DateFormats = ["dd.MM.yyyy"];
    private static readonly string[] DateTimeFormats = ["dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss"];

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public LaboratoryCsvReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads the export from a stream (read to the end, at most <see cref="MaxInputBytes"/>).</summary>
    public MisReadResult<MisLaboratoryDocument> Read(Stream csv) =>
        MisCsvReading.Read(csv, MaxInputBytes, Read);

    /// <summary>Reads the export from bytes.</summary>
    public MisReadResult<MisLaboratoryDocument> Read(ReadOnlyMemory<byte> csv) =>
        MisCsvReading.Read(csv, MaxInputBytes, text => new Session(this, text).Run());

    private sealed class Session(LaboratoryCsvReader owner, string text)
    {
        private readonly List<MisProblem> problems = [];
        public MisReadResult<MisLaboratoryDocument> Run() =>
            MisCsvReading.Documents<MisLaboratoryDocument>(text, LaboratoryCsvColumns.All, "лабораторной выгрузки", "В файле только строка заголовка, нет ни одного результата", problems, ReadDocument);

        private MisLaboratoryDocument? ReadDocument(string number, List<Row> rows)
        {
            var before = problems.Count;
            var first = rows[0];
            var p = owner.parser;

            MisFieldParser.Report At(Row row, int column) => (code, message) => problems.Add(new MisProblem(code, message, Loc(row.Line, column), number));
            string Name(int column) => LaboratoryCsvColumns.All[column];
            string Field(Row row, int column) => row.Fields[column];

            // Document-level values must be the same on every row.
            MisCsvReading.CheckSameOnEveryRow(rows, LaboratoryCsvColumns.DocumentLevel, LaboratoryCsvColumns.All, "документа", At);

            var date = p.DateTime(Field(first, LaboratoryCsvColumns.DocumentDate), Name(LaboratoryCsvColumns.DocumentDate), DateFormats, DateTimeFormats,
                At(first, LaboratoryCsvColumns.DocumentDate));
            var oid = p.Required(Field(first, LaboratoryCsvColumns.OrganizationOid), Name(LaboratoryCsvColumns.OrganizationOid), At(first, LaboratoryCsvColumns.OrganizationOid));
            if (oid is not null && owner.profile is { } profile && profile.Find(oid) is null)
            {
                At(first, LaboratoryCsvColumns.OrganizationOid)(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
            }

            p.Required(Field(first, LaboratoryCsvColumns.OrganizationName), Name(LaboratoryCsvColumns.OrganizationName), At(first, LaboratoryCsvColumns.OrganizationName));
            var patientSnils = p.Snils(Field(first, LaboratoryCsvColumns.PatientSnils), Name(LaboratoryCsvColumns.PatientSnils), At(first, LaboratoryCsvColumns.PatientSnils));
            var family = p.Required(Field(first, LaboratoryCsvColumns.Family), Name(LaboratoryCsvColumns.Family), At(first, LaboratoryCsvColumns.Family));
            var given = p.Required(Field(first, LaboratoryCsvColumns.Given), Name(LaboratoryCsvColumns.Given), At(first, LaboratoryCsvColumns.Given));
            var birth = p.Date(Field(first, LaboratoryCsvColumns.BirthDate), Name(LaboratoryCsvColumns.BirthDate), DateFormats, At(first, LaboratoryCsvColumns.BirthDate));
            var gender = Field(first, LaboratoryCsvColumns.Gender).Trim();
            if (gender is not ("1" or "2"))
            {
                At(first, LaboratoryCsvColumns.Gender)(MisErrorCodes.UnknownGender, "«Пол»: ожидается 1 (мужской) или 2 (женский), справочник 1.2.643.5.1.13.13.11.1040");
            }

            var policy = p.OmsPolicy(Field(first, LaboratoryCsvColumns.OmsPolicy), Name(LaboratoryCsvColumns.OmsPolicy), At(first, LaboratoryCsvColumns.OmsPolicy));
            var doctorSnils = p.Snils(Field(first, LaboratoryCsvColumns.DoctorSnils), Name(LaboratoryCsvColumns.DoctorSnils), At(first, LaboratoryCsvColumns.DoctorSnils));
            var doctorFamily = p.Required(Field(first, LaboratoryCsvColumns.DoctorFamily), Name(LaboratoryCsvColumns.DoctorFamily), At(first, LaboratoryCsvColumns.DoctorFamily));
            var doctorGiven = p.Required(Field(first, LaboratoryCsvColumns.DoctorGiven), Name(LaboratoryCsvColumns.DoctorGiven), At(first, LaboratoryCsvColumns.DoctorGiven));
            var position = p.Code(Field(first, LaboratoryCsvColumns.PositionCode), Name(LaboratoryCsvColumns.PositionCode), "1.2.643.5.1.13.13.11.1002",
                At(first, LaboratoryCsvColumns.PositionCode));

            if (date is not null && birth is not null && birth.Value > DateOnly.FromDateTime(date.Value.Value))
            {
                At(first, LaboratoryCsvColumns.BirthDate)(MisErrorCodes.DateOutOfRange, "«ДатаРождения» позже даты документа");
            }

            var results = new List<MisLabResult>();
            foreach (var row in rows)
            {
                var test = p.Code(Field(row, LaboratoryCsvColumns.TestCode), Name(LaboratoryCsvColumns.TestCode), "1.2.643.5.1.13.13.11.1080", At(row, LaboratoryCsvColumns.TestCode));
                var testName = p.Required(Field(row, LaboratoryCsvColumns.TestName), Name(LaboratoryCsvColumns.TestName), At(row, LaboratoryCsvColumns.TestName));
                var value = p.Number(Field(row, LaboratoryCsvColumns.Value), Name(LaboratoryCsvColumns.Value), At(row, LaboratoryCsvColumns.Value));
                var unit = p.Code(Field(row, LaboratoryCsvColumns.Unit), Name(LaboratoryCsvColumns.Unit), "1.2.643.5.1.13.13.11.1358", At(row, LaboratoryCsvColumns.Unit));
                var range = p.Range(Field(row, LaboratoryCsvColumns.ReferenceRange), Name(LaboratoryCsvColumns.ReferenceRange), At(row, LaboratoryCsvColumns.ReferenceRange));
                var specimen = p.DateTime(Field(row, LaboratoryCsvColumns.SpecimenDate), Name(LaboratoryCsvColumns.SpecimenDate), DateFormats, DateTimeFormats,
                    At(row, LaboratoryCsvColumns.SpecimenDate));
                if (specimen is not null && date is not null && specimen.Value.Value.Date > date.Value.Value.Date)
                {
                    At(row, LaboratoryCsvColumns.SpecimenDate)(MisErrorCodes.DateOutOfRange, "«ДатаВзятияБиоматериала» позже даты документа");
                }

                if (test is not null && testName is not null && value is not null && unit is not null && range is not null && specimen is not null)
                {
                    results.Add(new MisLabResult(test, testName, value.Value, unit, range, specimen.Value.Value, specimen.Value.HasTime));
                }
            }

            if (problems.Count > before || date is null || oid is null || patientSnils is null || family is null || given is null || birth is null
                || doctorSnils is null || doctorFamily is null || doctorGiven is null || position is null)
            {
                return null;
            }

            return new MisLaboratoryDocument(number, date.Value.Value, oid,
                new MisPatient(patientSnils, family, given, MisFieldParser.Optional(Field(first, LaboratoryCsvColumns.Patronymic)), birth.Value, gender, policy),
                new MisDoctor(doctorSnils, doctorFamily, doctorGiven, MisFieldParser.Optional(Field(first, LaboratoryCsvColumns.DoctorPatronymic)), position),
                results);
        }

        private static string Loc(int line, int column) => MisCsvReading.Loc(LaboratoryCsvColumns.All, line, column);
    }
}
