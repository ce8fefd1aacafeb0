using CsvHelper;

namespace EgiszBus.Adapters.Mis;

/// <summary>
/// The reading skeleton shared by the MIS CSV exports: size limit, encoding detection, <c>;</c>-separated RFC 4180 records with
/// malformed ones reported, a fixed header row, rows grouped into documents by the first column. Problems are located
/// <c>line L, column C (ColumnName)</c>; a document with any problem is left out, the other documents are returned.
/// </summary>
internal static class MisCsvReading
{
    /// <summary>Reads <paramref name="csv"/> to the end (at most <paramref name="maxBytes"/>) and passes the bytes to <paramref name="readBytes"/>.</summary>
    public static MisReadResult<T> Read<T>(Stream csv, int maxBytes, Func<ReadOnlyMemory<byte>, MisReadResult<T>> readBytes)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = csv.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return TooLarge<T>(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return readBytes(buffer.ToArray());
    }

    /// <summary>Checks the size, decodes the text (UTF-8 or Windows-1251) and passes a non-blank text to <paramref name="run"/>.</summary>
    public static MisReadResult<T> Read<T>(ReadOnlyMemory<byte> csv, int maxBytes, Func<string, MisReadResult<T>> run)
    {
        if (csv.Length > maxBytes)
        {
            return TooLarge<T>(maxBytes);
        }

        var decoded = MisTextDecoder.Decode(csv.Span);
        if (decoded.Problem is { } refused)
        {
            return new([], [refused]);
        }

        if (string.IsNullOrWhiteSpace(decoded.Text))
        {
            return new([], [new MisProblem(MisErrorCodes.EmptyInput, "Файл пуст: нет строки заголовка", "line 1")]);
        }

        return run(decoded.Text);
    }

    /// <summary>
    /// Reports, at <paramref name="at"/>, each <paramref name="documentLevel"/> cell of a later row that differs (trimmed) from the first row;
    /// <paramref name="documentNoun"/> ends the message («… отличается от строки L того же документа»).
    /// </summary>
    public static void CheckSameOnEveryRow(List<MisCsvRow> rows, int[] documentLevel, IReadOnlyList<string> columns, string documentNoun,
        Func<MisCsvRow, int, MisFieldParser.Report> at)
    {
        var first = rows[0];
        foreach (var row in rows.Skip(1))
        {
            foreach (var column in documentLevel)
            {
                if (!string.Equals(row.Fields[column].Trim(), first.Fields[column].Trim(), StringComparison.Ordinal))
                {
                    at(row, column)(MisErrorCodes.InconsistentDocument, $"«{columns[column]}» отличается от строки {first.Line} того же {documentNoun}");
                }
            }
        }
    }

    /// <summary>The location of a cell: <c>line L, column C (ColumnName)</c>.</summary>
    public static string Loc(IReadOnlyList<string> columns, int line, int column) => $"line {line}, column {column + 1} ({columns[column]})";

    /// <summary>
    /// Reads the records of <paramref name="text"/>, checks the header against <paramref name="columns"/> (<paramref name="format"/>
    /// names the export in the wrong-header message), groups the rows by the first column and reads each group with
    /// <paramref name="readDocument"/>. <paramref name="noRowsMessage"/> is reported when there is only the header.
    /// </summary>
    public static MisReadResult<T> Documents<T>(string text, IReadOnlyList<string> columns, string format, string noRowsMessage, List<MisProblem> problems,
        Func<string, List<MisCsvRow>, T?> readDocument)
        where T : class
    {
        var rows = ReadRows(text, problems);
        if (rows.Count == 0)
        {
            problems.Add(new MisProblem(MisErrorCodes.EmptyInput, "Файл пуст: нет строки заголовка", "line 1"));
            return new MisReadResult<T>([], problems);
        }

        if (!CheckHeader(rows[0], columns, format, problems))
        {
            return new MisReadResult<T>([], problems);
        }

        if (rows.Count == 1)
        {
            problems.Add(new MisProblem(MisErrorCodes.EmptyInput, noRowsMessage, "line 2"));
            return new MisReadResult<T>([], problems);
        }

        var groups = new Dictionary<string, List<MisCsvRow>>(StringComparer.Ordinal);
        var order = new List<string>();
        var broken = new HashSet<string>(problems.Select(p => p.DocumentNumber).OfType<string>(), StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            var number = row.Fields.Length > 0 ? row.Fields[0].Trim() : string.Empty;
            if (row.Fields.Length != columns.Count)
            {
                var location = row.Fields.Length < columns.Count ? Loc(columns, row.Line, row.Fields.Length) : $"line {row.Line}, column {columns.Count + 1}";
                problems.Add(new MisProblem(MisErrorCodes.WrongFieldCount,
                    $"В строке {row.Fields.Length} полей вместо {columns.Count} (файл обрезан или лишний разделитель «;» вне кавычек)", location,
                    number.Length > 0 ? number : null));
                if (number.Length > 0)
                {
                    broken.Add(number);
                }

                continue;
            }

            if (number.Length == 0)
            {
                problems.Add(new MisProblem(MisErrorCodes.MissingValue, $"Не заполнено обязательное поле «{columns[0]}»", Loc(columns, row.Line, 0)));
                continue;
            }

            if (!groups.TryGetValue(number, out var list))
            {
                groups[number] = list = [];
                order.Add(number);
            }

            list.Add(row);
        }

        var documents = new List<T>();
        foreach (var number in order)
        {
            if (readDocument(number, groups[number]) is { } document && !broken.Contains(number))
            {
                documents.Add(document);
            }
        }

        return new MisReadResult<T>(documents, problems);
    }

    private static MisReadResult<T> TooLarge<T>(int maxBytes) =>
        new([], [new MisProblem(MisErrorCodes.InputTooLarge, $"Файл больше {maxBytes} байт", null)]);

    private static List<MisCsvRow> ReadRows(string text, List<MisProblem> problems)
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

        var rows = new List<MisCsvRow>();
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
                    rows.Add(new MisCsvRow((int)csv.LineNumber, fields));
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

    private static bool CheckHeader(MisCsvRow header, IReadOnlyList<string> expected, string format, List<MisProblem> problems)
    {
        var names = header.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
        if (!expected.Any(e => names.Contains(e, StringComparer.Ordinal)))
        {
            problems.Add(new MisProblem(MisErrorCodes.WrongHeader,
                $"Первая строка не является заголовком {format} (другой формат или неверная кодировка)", $"line {header.Line}, column 1"));
            return false;
        }

        var ok = true;
        for (var i = 0; i < expected.Count; i++)
        {
            if (!names.Contains(expected[i], StringComparer.Ordinal))
            {
                problems.Add(new MisProblem(MisErrorCodes.MissingColumn, $"В заголовке нет столбца «{expected[i]}»", Loc(expected, header.Line, i)));
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
                    i < expected.Count ? Loc(expected, header.Line, i) : $"line {header.Line}, column {i + 1}"));
                return false;
            }
        }

        return ok;
    }
}
