using System.Globalization;
using CsvHelper;
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
    public MisReadResult<PrescriptionMisDocument> Read(Stream csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = csv.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                return Failed(new MisProblem(MisErrorCodes.InputTooLarge, $"Файл больше {MaxInputBytes} байт", null));
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.ToArray());
    }

    /// <summary>Reads the export from bytes.</summary>
    public MisReadResult<PrescriptionMisDocument> Read(ReadOnlyMemory<byte> csv)
    {
        if (csv.Length > MaxInputBytes)
        {
            return Failed(new MisProblem(MisErrorCodes.InputTooLarge, $"Файл больше {MaxInputBytes} байт", null));
        }

        var decoded = MisTextDecoder.Decode(csv.Span);
        if (decoded.Problem is { } refused)
        {
            return Failed(refused);
        }

        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            return Failed(new MisProblem(MisErrorCodes.EmptyInput, "Файл пуст: нет строки заголовка", "line 1"));
        }

        return new Session(this, decoded.Text).Run();
    }

    private static MisReadResult<PrescriptionMisDocument> Failed(MisProblem problem) => new([], [problem]);

    private static string Loc(int line, int column) => $"line {line}, column {column + 1} ({C.All[column]})";

    private sealed record Row(int Line, string[] Fields);

    private sealed class Session(PrescriptionCsvReader owner, string text)
    {
        private readonly List<MisProblem> problems = [];

        public MisReadResult<PrescriptionMisDocument> Run()
        {
            var rows = ReadRows();
            if (rows.Count == 0)
            {
                problems.Add(new MisProblem(MisErrorCodes.EmptyInput, "Файл пуст: нет строки заголовка", "line 1"));
                return new MisReadResult<PrescriptionMisDocument>([], problems);
            }

            if (!CheckHeader(rows[0]))
            {
                return new MisReadResult<PrescriptionMisDocument>([], problems);
            }

            if (rows.Count == 1)
            {
                problems.Add(new MisProblem(MisErrorCodes.EmptyInput, "В файле только строка заголовка, нет ни одного рецепта", "line 2"));
                return new MisReadResult<PrescriptionMisDocument>([], problems);
            }

            var groups = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
            var order = new List<string>();
            var broken = new HashSet<string>(problems.Select(p => p.DocumentNumber).OfType<string>(), StringComparer.Ordinal);
            foreach (var row in rows.Skip(1))
            {
                var number = row.Fields.Length > 0 ? row.Fields[0].Trim() : string.Empty;
                if (row.Fields.Length != C.All.Count)
                {
                    var location = row.Fields.Length < C.All.Count ? Loc(row.Line, row.Fields.Length) : $"line {row.Line}, column {C.All.Count + 1}";
                    problems.Add(new MisProblem(MisErrorCodes.WrongFieldCount,
                        $"В строке {row.Fields.Length} полей вместо {C.All.Count} (файл обрезан или лишний разделитель «;» вне кавычек)", location,
                        number.Length > 0 ? number : null));
                    if (number.Length > 0)
                    {
                        broken.Add(number);
                    }

                    continue;
                }

                if (number.Length == 0)
                {
                    problems.Add(new MisProblem(MisErrorCodes.MissingValue, $"Не заполнено обязательное поле «{C.All[C.DocumentNumber]}»", Loc(row.Line, C.DocumentNumber)));
                    continue;
                }

                if (!groups.TryGetValue(number, out var list))
                {
                    groups[number] = list = [];
                    order.Add(number);
                }

                list.Add(row);
            }

            var documents = new List<PrescriptionMisDocument>();
            foreach (var number in order)
            {
                if (ReadDocument(number, groups[number]) is { } document && !broken.Contains(number))
                {
                    documents.Add(document);
                }
            }

            return new MisReadResult<PrescriptionMisDocument>(documents, problems);
        }

        private List<Row> ReadRows()
        {
            var malformed = new List<CsvMalformedRecord>();
            var options = new CsvReaderOptions
            {
                Separator = ';',
                HasHeader = false,
                Mode = CsvMode.Rfc4180,
                AllowLineBreaksInQuotes = true,
                SkipEmptyLines = true,
                TrimWhitespace = false,
                TrackLineNumbers = true,
                MalformedData = CsvMalformedDataHandling.Recover,
                FieldCountMismatch = CsvFieldCountHandling.Allow,
                IncludeValuesInExceptions = false,
                OnMalformedRecord = record => malformed.Add(record),
            };

            var rows = new List<Row>();
            using (var csv = CsvReader.FromText(text, options))
            {
                while (csv.Read())
                {
                    var fields = new string[csv.FieldCount];
                    for (var i = 0; i < fields.Length; i++)
                    {
                        fields[i] = csv.GetString(i);
                    }

                    if (!fields.All(string.IsNullOrWhiteSpace))
                    {
                        rows.Add(new Row((int)csv.LineNumber, fields));
                    }
                }
            }

            foreach (var record in malformed)
            {
                var message = record.Reason switch
                {
                    CsvMalformedReason.UnterminatedQuote => "Кавычка поля не закрыта до конца файла (файл обрезан?)",
                    CsvMalformedReason.StrayQuote => "Кавычка внутри поля без кавычек",
                    CsvMalformedReason.TextAfterClosingQuote => "Текст после закрывающей кавычки поля",
                    _ => "Некорректная запись CSV: " + record.Reason,
                };
                var row = rows.FirstOrDefault(r => r.Line == record.LineNumber);
                var number = row is { Fields.Length: > 0 } ? row.Fields[0].Trim() : null;
                problems.Add(new MisProblem(MisErrorCodes.MalformedInput, message, $"line {record.LineNumber}", string.IsNullOrEmpty(number) ? null : number));
            }

            return rows;
        }

        private bool CheckHeader(Row header)
        {
            var expected = C.All;
            var names = header.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
            if (!expected.Any(e => names.Contains(e, StringComparer.Ordinal)))
            {
                problems.Add(new MisProblem(MisErrorCodes.WrongHeader,
                    "Первая строка не является заголовком выгрузки рецептов (другой формат или неверная кодировка)", $"line {header.Line}, column 1"));
                return false;
            }

            var ok = true;
            for (var i = 0; i < expected.Count; i++)
            {
                if (!names.Contains(expected[i], StringComparer.Ordinal))
                {
                    problems.Add(new MisProblem(MisErrorCodes.MissingColumn, $"В заголовке нет столбца «{expected[i]}»", Loc(header.Line, i)));
                    ok = false;
                }
            }

            for (var i = 0; ok && i < Math.Max(names.Count, expected.Count); i++)
            {
                if (i >= expected.Count || i >= names.Count || names[i] != expected[i])
                {
                    var found = i < names.Count ? names[i] : "(нет)";
                    found = found.Length <= 40 ? found : found[..40] + "…";
                    problems.Add(new MisProblem(MisErrorCodes.WrongHeader,
                        $"Заголовок не совпадает с форматом: в столбце {i + 1} «{found}», ожидается «{(i < expected.Count ? expected[i] : "(нет)")}»",
                        i < expected.Count ? Loc(header.Line, i) : $"line {header.Line}, column {i + 1}"));
                    return false;
                }
            }

            return ok;
        }

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
            foreach (var row in rows.Skip(1))
            {
                foreach (var column in C.DocumentLevel)
                {
                    if (!string.Equals(row.Fields[column].Trim(), first.Fields[column].Trim(), StringComparison.Ordinal))
                    {
                        At(row, column)(MisErrorCodes.InconsistentDocument, $"«{C.All[column]}» отличается от строки {first.Line} того же рецепта");
                    }
                }
            }

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
