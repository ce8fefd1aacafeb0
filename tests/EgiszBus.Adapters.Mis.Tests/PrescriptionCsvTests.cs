using System.Text;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class PrescriptionCsvTests
{
    private static readonly Lazy<PrescriptionFhirToSemdTranslator> SemdLazy = new(() => new PrescriptionFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)));

    private static byte[] Sample => MisSamples.Read("Csv/Prescription-148-01.csv");

    private static MisReadResult<PrescriptionMisDocument> Read(byte[] csv) => new PrescriptionCsvReader(MisSamples.Profile, FixedTime.Spring2025).Read(csv);

    private static string Dump<T>(MisReadResult<T> result) => string.Join("\n", result.Problems);

    /// <summary>A valid row of prescription <paramref name="number"/>; <paramref name="change"/> replaces fields by column index.</summary>
    private static string Row(string number, params (int Column, string Value)[] change)
    {
        var fields = new List<string>
        {
            number, "25.03.2025 10:15", "1.2.643.5.1.13.13.12.2.77.7973", "ГБУЗ «Городская поликлиника № 1»",
            "456-789-012 38", "Смирнов", "Алексей", "Николаевич", "15.03.1980", "1", "7751234567890011",
            "234-567-890 99", "Сидорова", "Анна", "Викторовна", "35", "3", "60 дней", "1.2", "23.05.2025", "0",
            "21.20.10.191-000003-1-00346-0000000000000", "Амоксициллин, таблетки, покрытые оболочкой, 500 мг", "5.46", "Амоксициллин 500 мг",
            "1", "Перорально", "2.3", "25.03.2025", "31.03.2025", "1", "293", "8", "ч", "21", "293", "По 1 таблетке 3 раза в день",
        };
        foreach (var (column, value) in change)
        {
            fields[column] = value;
        }

        return string.Join(';', fields);
    }

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", new[] { PrescriptionCsvColumns.Header }.Concat(rows)) + "\n");

    [TestMethod]
    public void GivenTheCp1251Sample_WhenTranslatedToFhirAndSemd_ThenEachPrescriptionIsValidByXsdAndOfficialSchematron()
    {
        var result = new PrescriptionCsvToFhirTranslator(MisSamples.Profile).Translate(Sample);

        Assert.IsTrue(result.Succeeded, Dump(result));
        CollectionAssert.AreEqual(new[] { "148401", "148402" }, result.Documents.Select(b => b.Identifier!.Value).ToArray());
        var xsd = new SemdSchemaValidator(RepositoryPaths.SharedData);
        var folder = Directory.CreateTempSubdirectory("csv148-");
        try
        {
            foreach (var bundle in result.Documents)
            {
                var semd = SemdLazy.Value.Translate(Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle)));
                Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
                Assert.AreEqual("148", semd.Facts!.Kind);
                Assert.IsEmpty(xsd.Validate("148", semd.Semd!));
                var file = Path.Combine(folder.FullName, bundle.Identifier!.Value + ".xml");
                File.WriteAllBytes(file, semd.Semd!);
                var report = SemdSchematron.Validate("148", file);
                Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenTheSample_WhenRead_ThenRowsAreGroupedAndTheQuotedSemicolonIsKept()
    {
        var result = Read(Sample);

        Assert.IsTrue(result.Succeeded, Dump(result));
        var first = result.Documents[0];
        Assert.AreEqual("23456789099", first.Author.Snils);
        Assert.AreEqual("45678901238", first.Patient.Snils);
        Assert.HasCount(2, first.Items);
        Assert.AreEqual("По 1 таблетке 3 раза в день; 7 дней, после еды", first.Items[0].Instruction);
        Assert.AreEqual("h", first.Items[0].PeriodUnit);
        Assert.AreEqual("d", first.Items[1].PeriodUnit);
        Assert.AreEqual(new DateOnly(2025, 5, 23), first.ValidUntil);
        var second = result.Documents[1];
        Assert.AreEqual("34567890123", second.Author.Snils);
        Assert.IsNull(second.Patient.OmsPolicy);
        Assert.IsTrue(second.ByCommission);
        Assert.AreEqual(0.5m, second.Items.Single().Dose);
    }

    [TestMethod]
    public void GivenTheSampleInCp1251AndInUtf8WithBom_WhenTranslated_ThenTheBundlesAreIdentical()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(MisSamples.Windows1251.GetString(Sample))).ToArray();
        Assert.AreEqual("windows-1251", MisTextDecoder.Decode(Sample).EncodingName);
        Assert.AreEqual("utf-8-bom", MisTextDecoder.Decode(utf8).EncodingName);

        var fromCp1251 = new PrescriptionCsvToFhirTranslator(MisSamples.Profile).Translate(Sample);
        var fromUtf8 = new PrescriptionCsvToFhirTranslator(MisSamples.Profile).Translate(utf8);

        Assert.IsTrue(fromUtf8.Succeeded, Dump(fromUtf8));
        CollectionAssert.AreEqual(fromCp1251.Documents.Select(MisSamples.ToJson).ToArray(), fromUtf8.Documents.Select(MisSamples.ToJson).ToArray());
    }

    [TestMethod]
    [DataRow(1, "2025-03-25", MisErrorCodes.InvalidDate, "line 2, column 2 (ДатаРецепта)")]
    [DataRow(1, "31.02.2025", MisErrorCodes.InvalidDate, "line 2, column 2 (ДатаРецепта)")]
    [DataRow(1, "25.03.2026", MisErrorCodes.DateOutOfRange, "line 2, column 2 (ДатаРецепта)")]
    [DataRow(8, "15.03.1800", MisErrorCodes.DateOutOfRange, "line 2, column 9 (ДатаРождения)")]
    [DataRow(19, "23/05/2025", MisErrorCodes.InvalidDate, "line 2, column 20 (ДействителенДо)")]
    [DataRow(19, "01.03.2025", MisErrorCodes.DateOutOfRange, "line 2, column 20 (ДействителенДо)")]
    [DataRow(29, "20.03.2025", MisErrorCodes.DateOutOfRange, "line 2, column 30 (ОкончаниеПриема)")]
    [DataRow(30, "0,5,1", MisErrorCodes.InvalidNumber, "line 2, column 31 (РазоваяДоза)")]
    [DataRow(30, "0", MisErrorCodes.InvalidNumber, "line 2, column 31 (РазоваяДоза)")]
    [DataRow(34, "21 шт", MisErrorCodes.InvalidNumber, "line 2, column 35 (Количество)")]
    [DataRow(4, "112-233-445 96", MisErrorCodes.InvalidSnils, "line 2, column 5 (СНИЛСПациента)")]
    [DataRow(11, "112-233-445 96", MisErrorCodes.InvalidSnils, "line 2, column 12 (СНИЛСВрача)")]
    [DataRow(9, "М", MisErrorCodes.UnknownGender, "line 2, column 10 (Пол)")]
    [DataRow(2, "1.2.643.5.1.13.13.12.2.77.9999", MisErrorCodes.UnknownOrganization, "line 2, column 3 (OIDМО)")]
    [DataRow(33, "мес", MisErrorCodes.InvalidCode, "line 2, column 34 (ЕдиницаИнтервала)")]
    [DataRow(31, "шт", MisErrorCodes.InvalidCode, "line 2, column 32 (ЕдиницаДозы)")]
    [DataRow(21, "", MisErrorCodes.MissingValue, "line 2, column 22 (КодЛП)")]
    [DataRow(5, " ", MisErrorCodes.MissingValue, "line 2, column 6 (Фамилия)")]
    [DataRow(20, "может быть", PrescriptionCsvMisErrorCodes.InvalidFlag, "line 2, column 21 (ПоРешениюВК)")]
    public void GivenABadValue_WhenRead_ThenTheProblemHasCodeAndLocationAndOnlyThatPrescriptionIsLeftOut(int column, string value, string code, string location)
    {
        var result = Read(Csv(Row("1001", (column, value)), Row("1002")));

        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location && p.DocumentNumber == "1001"), Dump(result));
        Assert.AreEqual("1002", result.Documents.Single().DocumentNumber, "the good prescription still reads");
        Assert.IsFalse(result.Problems.Any(p => p.Message.Contains("Смирнов", StringComparison.Ordinal) || p.Message.Contains("45678901238", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void GivenAValidChecksumSnils_WhenRead_ThenTheDigitsAreKept()
    {
        var result = Read(Csv(Row("1001", (4, "112-233-445 95"))));

        Assert.IsTrue(result.Succeeded, Dump(result));
        Assert.AreEqual("11223344595", result.Documents.Single().Patient.Snils);
    }

    [TestMethod]
    [DataRow(4, "567-890-123 43", "line 3, column 5 (СНИЛСПациента)")]
    [DataRow(1, "25.03.2025 10:16", "line 3, column 2 (ДатаРецепта)")]
    [DataRow(19, "24.05.2025", "line 3, column 20 (ДействителенДо)")]
    [DataRow(20, "1", "line 3, column 21 (ПоРешениюВК)")]
    public void GivenRowsOfOnePrescriptionThatDisagree_WhenRead_ThenInconsistentDocumentAtTheDifferingField(int column, string value, string location)
    {
        var result = Read(Csv(Row("1001"), Row("1001", (column, value)), Row("1002")));

        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.InconsistentDocument && p.Location == location && p.DocumentNumber == "1001"), Dump(result));
        Assert.AreEqual("1002", result.Documents.Single().DocumentNumber);
    }

    [TestMethod]
    public void GivenAHeaderWithoutAColumn_WhenRead_ThenMissingColumnNamedAndNothingRead()
    {
        var header = string.Join(';', PrescriptionCsvColumns.All.Where(c => c != "ДействителенДо"));
        var row = string.Join(';', Row("1001").Split(';').Where((_, i) => i != 19));

        var result = Read(Encoding.UTF8.GetBytes(header + "\n" + row + "\n"));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.MissingColumn && p.Location == "line 1, column 20 (ДействителенДо)"), Dump(result));
    }

    [TestMethod]
    public void GivenAFileTruncatedInTheLastRow_WhenRead_ThenWrongFieldCountAtTheFirstMissingColumnAndTheEarlierPrescriptionsRead()
    {
        var text = Encoding.UTF8.GetString(Csv(Row("1001"), Row("1002")));
        var truncated = text[..(text.IndexOf("1002;", StringComparison.Ordinal) + "1002;25.03.2025 10:15".Length)];

        var result = Read(Encoding.UTF8.GetBytes(truncated));

        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.WrongFieldCount && p.Location == "line 3, column 3 (OIDМО)" && p.DocumentNumber == "1002"), Dump(result));
        Assert.AreEqual("1001", result.Documents.Single().DocumentNumber);
    }

    [TestMethod]
    public void GivenAFileTruncatedInsideAQuotedField_WhenRead_ThenMalformedInputAndTheEarlierPrescriptionsRead()
    {
        var text = Encoding.UTF8.GetString(Csv(Row("1001"), Row("1002", (36, "\"По 1 таблетке; 3 раза в день\""))));
        var truncated = text[..text.IndexOf("; 3 раза", StringComparison.Ordinal)];

        var result = Read(Encoding.UTF8.GetBytes(truncated));

        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.MalformedInput && p.Location == "line 3" && p.DocumentNumber == "1002"), Dump(result));
        Assert.AreEqual("1001", result.Documents.Single().DocumentNumber);
    }

    [TestMethod]
    public void GivenAQuotedFieldWithALineBreak_WhenRead_ThenTheNextRowIsLocatedOnItsPhysicalLine()
    {
        var result = Read(Csv(Row("1001", (36, "\"Утром;\nи вечером\"")), Row("1002", (4, "112-233-445 96"))));

        Assert.AreEqual("Утром;\nи вечером", result.Documents.Single().Items.Single().Instruction);
        Assert.IsTrue(result.Problems.Any(p => p.Code == MisErrorCodes.InvalidSnils && p.Location == "line 4, column 5 (СНИЛСПациента)"), Dump(result));
    }

    [TestMethod]
    public void GivenFourRowsOfOnePrescription_WhenRead_ThenTooManyItemsAtTheFourthRow()
    {
        var result = Read(Csv(Row("1001"), Row("1001"), Row("1001"), Row("1001")));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == PrescriptionCsvMisErrorCodes.TooManyItems && p.Location == "line 5, column 1 (НомерРецепта)"), Dump(result));
    }

    [TestMethod]
    [DataRow(new byte[] { 0xFF, 0xFE, 0x41, 0x00 }, MisErrorCodes.UnsupportedEncoding)]
    [DataRow(new byte[] { 0x20, 0x0A }, MisErrorCodes.EmptyInput)]
    public void GivenUnreadableBytes_WhenRead_ThenRefusedWithCode(byte[] bytes, string code)
    {
        var result = Read(bytes);

        Assert.IsEmpty(result.Documents);
        Assert.AreEqual(code, result.Problems.Single().Code);
    }

    [TestMethod]
    public void GivenTheLaboratoryExport_WhenReadAsPrescriptions_ThenWrongHeader()
    {
        var result = Read(MisSamples.Read("Csv/Laboratory-186-01.csv"));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code is MisErrorCodes.WrongHeader or MisErrorCodes.MissingColumn), Dump(result));
    }
}
