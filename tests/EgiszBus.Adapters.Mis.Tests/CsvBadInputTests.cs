using System.Text;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class CsvBadInputTests
{
    private static MisReadResult<MisLaboratoryDocument> Read(byte[] csv) => new LaboratoryCsvReader(MisSamples.Profile, FixedTime.Spring2025).Read(csv);

    private static string Dump(MisReadResult<MisLaboratoryDocument> result) => string.Join("\n", result.Problems);

    [TestMethod]
    [DataRow(1, "2025-03-12", MisErrorCodes.InvalidDate, "line 2, column 2 (ДатаДокумента)")]
    [DataRow(1, "31.02.2024", MisErrorCodes.InvalidDate, "line 2, column 2 (ДатаДокумента)")]
    [DataRow(8, "15.03.1800", MisErrorCodes.DateOutOfRange, "line 2, column 9 (ДатаРождения)")]
    [DataRow(8, "13.03.2025", MisErrorCodes.DateOutOfRange, "line 2, column 9 (ДатаРождения)")]
    [DataRow(1, "12.03.2026", MisErrorCodes.DateOutOfRange, "line 2, column 2 (ДатаДокумента)")]
    [DataRow(21, "13.03.2025", MisErrorCodes.DateOutOfRange, "line 2, column 22 (ДатаВзятияБиоматериала)")]
    [DataRow(21, "12.03.2025 25:00", MisErrorCodes.InvalidDate, "line 2, column 22 (ДатаВзятияБиоматериала)")]
    [DataRow(18, "4.8.5", MisErrorCodes.InvalidNumber, "line 2, column 19 (Результат)")]
    [DataRow(18, "1 000", MisErrorCodes.InvalidNumber, "line 2, column 19 (Результат)")]
    [DataRow(18, "", MisErrorCodes.MissingValue, "line 2, column 19 (Результат)")]
    [DataRow(4, "112-233-445 96", MisErrorCodes.InvalidSnils, "line 2, column 5 (СНИЛСПациента)")]
    [DataRow(11, "2345678909", MisErrorCodes.InvalidSnils, "line 2, column 12 (СНИЛСВрача)")]
    [DataRow(9, "M", MisErrorCodes.UnknownGender, "line 2, column 10 (Пол)")]
    [DataRow(9, "3", MisErrorCodes.UnknownGender, "line 2, column 10 (Пол)")]
    [DataRow(2, "1.2.643.5.1.13.13.12.2.77.9999", MisErrorCodes.UnknownOrganization, "line 2, column 3 (OIDМО)")]
    [DataRow(20, "норма", MisErrorCodes.InvalidReferenceRange, "line 2, column 21 (РефИнтервал)")]
    [DataRow(20, "9-4", MisErrorCodes.InvalidReferenceRange, "line 2, column 21 (РефИнтервал)")]
    [DataRow(16, "A123", MisErrorCodes.InvalidCode, "line 2, column 17 (КодТеста)")]
    [DataRow(19, "г/л", MisErrorCodes.InvalidCode, "line 2, column 20 (ЕдиницаИзмерения)")]
    [DataRow(5, " ", MisErrorCodes.MissingValue, "line 2, column 6 (Фамилия)")]
    public void GivenBadValue_WhenRead_ThenProblemHasCodeAndLocationAndDocumentIsLeftOut(int column, string value, string code, string location)
    {
        var result = Read(MisSamples.Csv(MisSamples.Row("1001", 0, (column, value)), MisSamples.Row("1002")));

        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location && p.DocumentNumber == "1001"), Dump(result));
        Assert.AreEqual("1002", result.Documents.Single().DocumentNumber, "the good document still reads");
    }

    [TestMethod]
    [DataRow("112-233-445 95", "11223344595")]
    [DataRow("11223344595", "11223344595")]
    public void GivenValidSnilsForms_WhenRead_ThenDigitsAreKept(string snils, string digits)
    {
        var result = Read(MisSamples.Csv(MisSamples.Row("1001", 0, (4, snils))));

        Assert.IsTrue(result.Succeeded, Dump(result));
        Assert.AreEqual(digits, result.Documents.Single().Patient.Snils);
    }

    [TestMethod]
    [DataRow("4,85", "4.85")]
    [DataRow("4.85", "4.85")]
    [DataRow("-0,5", "-0.5")]
    [DataRow("142", "142")]
    public void GivenDecimalComma_WhenRead_ThenValueIsParsed(string text, string expected)
    {
        var result = Read(MisSamples.Csv(MisSamples.Row("1001", 0, (18, text), (20, "<5"))));

        Assert.IsTrue(result.Succeeded, Dump(result));
        Assert.AreEqual(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Documents.Single().Results[0].Value);
    }

    [TestMethod]
    [DataRow("3,5-5,5", "3.5", "5.5")]
    [DataRow("<5", null, "5")]
    [DataRow(">1", "1", null)]
    [DataRow("0 - 41", "0", "41")]
    public void GivenReferenceRange_WhenRead_ThenBoundsAreParsed(string text, string? low, string? high)
    {
        var range = Read(MisSamples.Csv(MisSamples.Row("1001", 0, (20, text)))).Documents.Single().Results[0].ReferenceRange;

        static decimal? D(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(D(low), range.Low);
        Assert.AreEqual(D(high), range.High);
        Assert.AreEqual(text, range.Text);
    }

    [TestMethod]
    public void GivenRowsDisagreeingOnPatient_WhenRead_ThenInconsistencyIsLocatedOnTheSecondRow()
    {
        var result = Read(MisSamples.Csv(MisSamples.Row("1001", 0), MisSamples.Row("1001", 1, (5, "Петров")), MisSamples.Row("1002")));

        var problem = result.Problems.Single();
        Assert.AreEqual(MisErrorCodes.InconsistentDocument, problem.Code);
        Assert.AreEqual("line 3, column 6 (Фамилия)", problem.Location);
        Assert.AreEqual("1002", result.Documents.Single().DocumentNumber);
        Assert.DoesNotContain("Петров", problem.Message, "no personal data in messages");
    }

    [TestMethod]
    public void GivenTruncatedLastRow_WhenRead_ThenOtherDocumentsStillRead()
    {
        var full = Encoding.UTF8.GetString(MisSamples.Csv(MisSamples.Row("1001"), MisSamples.Row("1002", 0), MisSamples.Row("1002", 1)));
        var cut = full[..(full.LastIndexOf("Эритроциты", StringComparison.Ordinal) + 4)];

        var result = Read(Encoding.UTF8.GetBytes(cut));

        var problem = result.Problems.Single();
        Assert.AreEqual(MisErrorCodes.WrongFieldCount, problem.Code);
        Assert.AreEqual("line 4, column 19 (Результат)", problem.Location);
        Assert.AreEqual("1002", problem.DocumentNumber);
        Assert.AreEqual("1001", result.Documents.Single().DocumentNumber);
    }

    [TestMethod]
    public void GivenUnterminatedQuoteAtEnd_WhenRead_ThenMalformedAndTruncatedAreReported()
    {
        var text = Encoding.UTF8.GetString(MisSamples.Csv(MisSamples.Row("1001"))) + "1002;\"12.03.2025";

        var result = Read(Encoding.UTF8.GetBytes(text));

        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.MalformedInput && p.Location == "line 3"), Dump(result));
        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.WrongFieldCount && p.Location == "line 3, column 3 (OIDМО)"), Dump(result));
        Assert.AreEqual("1001", result.Documents.Single().DocumentNumber);
    }

    [TestMethod]
    public void GivenRowWithExtraSeparator_WhenRead_ThenFieldCountProblemNamesTheColumnAfterTheLast()
    {
        var result = Read(MisSamples.Csv(MisSamples.Row("1001") + ";лишнее"));

        Assert.AreEqual(MisErrorCodes.WrongFieldCount, result.Problems.Single().Code);
        Assert.AreEqual("line 2, column 23", result.Problems.Single().Location);
    }

    [TestMethod]
    [DataRow("РефИнтервал", MisErrorCodes.MissingColumn, "line 1, column 21 (РефИнтервал)")]
    [DataRow("ПолисОМС", MisErrorCodes.MissingColumn, "line 1, column 11 (ПолисОМС)")]
    public void GivenHeaderWithoutColumn_WhenRead_ThenMissingColumnIsReported(string column, string code, string location)
    {
        var header = string.Join(';', LaboratoryCsvColumns.All.Where(c => c != column));
        var result = new LaboratoryCsvReader(MisSamples.Profile).Read(Encoding.UTF8.GetBytes(header + "\n" + MisSamples.Row() + "\n"));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), Dump(result));
    }

    [TestMethod]
    public void GivenHeaderInWrongOrder_WhenRead_ThenWrongHeaderIsReportedAtTheFirstDifference()
    {
        var columns = LaboratoryCsvColumns.All.ToArray();
        (columns[5], columns[6]) = (columns[6], columns[5]);
        var result = Read(Encoding.UTF8.GetBytes(string.Join(';', columns) + "\n" + MisSamples.Row() + "\n"));

        Assert.AreEqual(MisErrorCodes.WrongHeader, result.Problems.Single().Code);
        Assert.AreEqual("line 1, column 6 (Фамилия)", result.Problems.Single().Location);
    }

    [TestMethod]
    [DataRow("", "line 1")]
    [DataRow("\n\n  \n", "line 1")]
    [DataRow("HEADER", "line 2")]
    [DataRow("\uFEFF", "line 1")]
    public void GivenEmptyFile_WhenRead_ThenEmptyInputIsReported(string text, string location)
    {
        var bytes = text == "\uFEFF" ? [0xEF, 0xBB, 0xBF] : Encoding.UTF8.GetBytes(text.Replace("HEADER", MisSamples.Header, StringComparison.Ordinal));

        var result = Read(bytes);

        Assert.IsEmpty(result.Documents);
        Assert.AreEqual(MisErrorCodes.EmptyInput, result.Problems.Single().Code, Dump(result));
        Assert.AreEqual(location, result.Problems.Single().Location);
    }

    [TestMethod]
    [DataRow("utf-16", MisErrorCodes.UnsupportedEncoding)]
    [DataRow("utf-16-no-bom", MisErrorCodes.UnsupportedEncoding)]
    [DataRow("binary", MisErrorCodes.UnsupportedEncoding)]
    [DataRow("koi8-r", MisErrorCodes.WrongHeader)]
    public void GivenWrongEncodingOrGarbage_WhenRead_ThenRefusedWithCode(string kind, string code)
    {
        var text = Encoding.UTF8.GetString(MisSamples.Csv(MisSamples.Row()));
        byte[] bytes = kind switch
        {
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16-no-bom" => Encoding.Unicode.GetBytes(text),
            "binary" => [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 256))],
            _ => Encoding.GetEncoding("koi8-r").GetBytes(text),
        };

        var result = Read(bytes);

        Assert.IsEmpty(result.Documents);
        Assert.AreEqual(code, result.Problems[0].Code, Dump(result));
        Assert.IsNotNull(result.Problems[0].Location, Dump(result));
    }

    [TestMethod]
    public void GivenCsvTranslator_WhenOneDocumentIsBad_ThenTheOthersBecomeBundles()
    {
        var csv = MisSamples.Csv(MisSamples.Row("2001"), MisSamples.Row("2002", 0, (9, "X")), MisSamples.Row("2003"), MisSamples.Row("2003", 1));

        var result = new LaboratoryCsvToFhirTranslator(MisSamples.Profile, FixedTime.Spring2025).Translate(csv);

        CollectionAssert.AreEqual(new[] { "2001", "2003" }, result.Documents.Select(b => b.Identifier!.Value).ToArray());
        Assert.AreEqual("2002", result.Problems.Single().DocumentNumber);
        Assert.IsFalse(result.Succeeded);
    }
}
