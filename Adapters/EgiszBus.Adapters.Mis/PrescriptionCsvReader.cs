using System.Globalization;
using Row = EgiszBus.Adapters.Mis.MisCsvRow;
using C = EgiszBus.Adapters.Mis.PrescriptionCsvColumns;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// Reads the prescriptions CSV export (<c>Schemas/mis/prescriptions-csv.md</c>, SEMD kind 148): <c>;</c>-separated, header row,
/// one row per prescribed product, rows grouped into prescriptions by <c>НомерРецепта</c>; UTF-8 (with or without BOM) or
/// Windows-1251, detected. Problems are located <c>line L, column C (ColumnName)</c>, L being the physical line where the row
/// starts. A prescription with any problem is left out; the other prescriptions are returned.
/// </summary>
public sealed class PrescriptionCsvReader
{
    /// <summary>Largest accepted input.</summary>
    public const int MaxInputBytes = 64 * 1024 * 1024;

    /// <summary>Most products one prescription may hold.</summary>
    public const int MaxItems = 3;

    private static readonly string[] DateFormats = ["dd.MM.yyyy"];
    private static readonly string[] DateTimeFormats = ["dd.MM.yyyy HH:mm", "dd.MM.yyyy HH:mm:ss"];

    private static readonly Dictionary<string, string> PeriodUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["мин"] = "min", ["ч"] = "h", ["сут"] = "d", ["нед"] = "wk", ["min"] = "min", ["h"] = "h", ["d"] = "d", ["wk"] = "wk",
    };

    private readonly MisProfile? profile;
    private readonly MisFieldParser parser;

    /// <summary>Creates a reader. With a <paramref name="profile"/>, an organisation OID missing from it is a problem.</summary>
    public PrescriptionCsvReader(MisProfile? profile = null, TimeProvider? time = null)
    {
        this.profile = profile;
        parser = new MisFieldParser(time ?? TimeProvider.System);
    }

    /// <summary>Reads the export from a stream (read to the end, at most <see cref="MaxInputBytes"/>).</summary>
    public MisReadResult<PrescriptionMisDocument> Read(Stream csv) =>
        MisCsvReading.Read(csv, MaxInputBytes, Read);

    /// <summary>Reads the export from bytes.</summary>
    public MisReadResult<PrescriptionMisDocument> Read(ReadOnlyMemory<byte> csv) =>
        MisCsvReading.Read(csv, MaxInputBytes, text => new Session(this, text).Run());

    private static string Loc(int line, int column) => MisCsvReading.Loc(C.All, line, column);

    private sealed class Session(PrescriptionCsvReader owner, string text)
    {
        private readonly List<MisProblem> problems = [];

        public MisReadResult<PrescriptionMisDocument> Run() =>
            MisCsvReading.Documents<PrescriptionMisDocument>(text, C.All, "выгрузки рецептов", "В файле только строка заголовка, нет ни одного рецепта", problems, ReadDocument);

        private PrescriptionMisDocument? ReadDocument(string number, List<Row> rows)
        {
            var before = problems.Count;
            var first = rows[0];
            var p = owner.parser;

            MisFieldParser.Report At(Row row, int column) => (code, message) => problems.Add(new MisProblem(code, message, Loc(row.Line, column), number));
            string? Required(Row row, int column) => p.Required(row.Fields[column], C.All[column], At(row, column));
            string? Code(Row row, int column, string directory) => p.Code(row.Fields[column], C.All[column], directory, At(row, column));
            PrescriptionMisCoding? Coding(Row row, int code, string directory)
            {
                var value = Required(row, code);
                var display = Required(row, code + 1);
                var version = Required(row, code + 2);
                return value is null || display is null || version is null ? null : new PrescriptionMisCoding(value, display, version);
            }

            decimal? Positive(Row row, int column)
            {
                var value = p.Number(row.Fields[column], C.All[column], At(row, column));
                if (value is <= 0)
                {
                    At(row, column)(MisErrorCodes.InvalidNumber, $"«{C.All[column]}»: ожидается положительное число");
                    return null;
                }

                return value;
            }

            // Document-level values must be the same on every row.
            MisCsvReading.CheckSameOnEveryRow(rows, C.DocumentLevel, C.All, "рецепта", At);

            if (rows.Count > MaxItems)
            {
                At(rows[MaxItems], C.DocumentNumber)(PrescriptionCsvMisErrorCodes.TooManyItems,
                    $"Рецепт содержит {rows.Count} препаратов; допускается от 1 до {MaxItems}");
            }

            var date = p.DateTime(first.Fields[C.DocumentDate], C.All[C.DocumentDate], DateFormats, DateTimeFormats, At(first, C.DocumentDate));
            var documentDay = date is null ? (DateOnly?)null : DateOnly.FromDateTime(date.Value.Value);
            var oid = Required(first, C.OrganizationOid);
            if (oid is not null && owner.profile is { } profile && profile.Find(oid) is null)
            {
                At(first, C.OrganizationOid)(MisErrorCodes.UnknownOrganization, $"Организация {oid} не описана в региональном профиле");
            }

            Required(first, C.OrganizationName);
            var patientSnils = p.Snils(first.Fields[C.PatientSnils], C.All[C.PatientSnils], At(first, C.PatientSnils));
            var family = Required(first, C.Family);
            var given = Required(first, C.Given);
            var birth = p.Date(first.Fields[C.BirthDate], C.All[C.BirthDate], DateFormats, At(first, C.BirthDate));
            if (birth is not null && documentDay is not null && birth.Value > documentDay.Value)
            {
                At(first, C.BirthDate)(MisErrorCodes.DateOutOfRange, $"«{C.All[C.BirthDate]}» позже даты рецепта");
            }

            var gender = first.Fields[C.Gender].Trim();
            if (gender is not ("1" or "2"))
            {
                At(first, C.Gender)(MisErrorCodes.UnknownGender, "«Пол»: ожидается 1 (мужской) или 2 (женский), справочник 1.2.643.5.1.13.13.11.1040");
            }

            var policy = p.OmsPolicy(first.Fields[C.OmsPolicy], C.All[C.OmsPolicy], At(first, C.OmsPolicy));
            var doctorSnils = p.Snils(first.Fields[C.DoctorSnils], C.All[C.DoctorSnils], At(first, C.DoctorSnils));
            var doctorFamily = Required(first, C.DoctorFamily);
            var doctorGiven = Required(first, C.DoctorGiven);
            var position = Code(first, C.PositionCode, "1.2.643.5.1.13.13.11.1002");
            var validity = Coding(first, C.ValidityCode, "1.2.643.5.1.13.13.99.2.608");
            var until = LaterDate(first, C.ValidUntil, documentDay, "даты рецепта");
            var byCommission = Flag(first, C.ByCommission);

            var items = new List<PrescriptionMisItem>();
            foreach (var row in rows)
            {
                var medication = Coding(row, C.MedicationCode, "1.2.643.5.1.13.13.99.2.611");
                var name = Required(row, C.Name);
                var route = Coding(row, C.RouteCode, "1.2.643.5.1.13.13.11.1468");
                var start = LaterDate(row, C.Start, documentDay, "даты рецепта");
                var end = LaterDate(row, C.End, start, $"«{C.All[C.Start]}»");
                var dose = Positive(row, C.Dose);
                var doseUnit = Code(row, C.DoseUnit, "1.2.643.5.1.13.13.11.1358");
                var period = Positive(row, C.Period);
                string? periodUnit = null;
                if (Required(row, C.PeriodUnit) is { } unit && !PeriodUnits.TryGetValue(unit, out periodUnit))
                {
                    At(row, C.PeriodUnit)(MisErrorCodes.InvalidCode, $"«{C.All[C.PeriodUnit]}»: допустимы мин, ч, сут, нед");
                }

                var quantity = Positive(row, C.Quantity);
                var quantityUnit = Code(row, C.QuantityUnit, "1.2.643.5.1.13.13.11.1358");
                var instruction = MisFieldParser.Optional(row.Fields[C.Instruction]);
                if (medication is not null && name is not null && route is not null && start is not null && end is not null && dose is not null
                    && doseUnit is not null && period is not null && periodUnit is not null && quantity is not null && quantityUnit is not null)
                {
                    items.Add(new PrescriptionMisItem(medication, name, route, start.Value, end.Value, dose.Value, doseUnit, period.Value, periodUnit,
                        quantity.Value, quantityUnit, instruction));
                }
            }

            if (problems.Count > before || date is null || oid is null || patientSnils is null || family is null || given is null || birth is null
                || doctorSnils is null || doctorFamily is null || doctorGiven is null || position is null || validity is null || until is null
                || byCommission is null)
            {
                return null;
            }

            return new PrescriptionMisDocument(number, date.Value.Value, oid,
                new MisPatient(patientSnils, family, given, MisFieldParser.Optional(first.Fields[C.Patronymic]), birth.Value, gender, policy),
                new MisDoctor(doctorSnils, doctorFamily, doctorGiven, MisFieldParser.Optional(first.Fields[C.DoctorPatronymic]), position),
                validity, until.Value, byCommission.Value, items);

            // A date that may lie in the future (validity, course): not before notBefore, at most a year after it.
            DateOnly? LaterDate(Row row, int column, DateOnly? notBefore, string what)
            {
                if (Required(row, column) is not { } value)
                {
                    return null;
                }

                if (!DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    At(row, column)(MisErrorCodes.InvalidDate, $"«{C.All[column]}»: дата некорректна или не существует (ожидается dd.MM.yyyy)");
                    return null;
                }

                if (parsed < MisFieldParser.MinDate || (notBefore is { } low && (parsed < low || parsed > low.AddYears(1))))
                {
                    At(row, column)(MisErrorCodes.DateOutOfRange, $"«{C.All[column]}»: дата раньше {what} или позже её более чем на год");
                    return null;
                }

                return parsed;
            }

            bool? Flag(Row row, int column)
            {
                switch (row.Fields[column].Trim().ToLowerInvariant())
                {
                    case "" or "0" or "нет":
                        return false;
                    case "1" or "да":
                        return true;
                    default:
                        At(row, column)(PrescriptionCsvMisErrorCodes.InvalidFlag, $"«{C.All[column]}»: ожидается 1 (да) или 0 (нет)");
                        return null;
                }
            }
        }
    }
}
