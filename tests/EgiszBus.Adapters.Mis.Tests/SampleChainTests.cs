using System.Text;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class SampleChainTests
{
    private static MisReadResult<Bundle> TranslateSample(string file) =>
        file.EndsWith(".json", StringComparison.Ordinal)
            ? new LaboratoryJsonToFhirTranslator(MisSamples.Profile).Translate(MisSamples.Read(file))
            : new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(MisSamples.Read(file));

    [TestMethod]
    [DataRow("Csv/Laboratory-186-01.csv", 3)]
    [DataRow("Csv/Laboratory-186-02-utf8bom.csv", 2)]
    [DataRow("Json/Laboratory-186-01.json", 1)]
    public void GivenSample_WhenTranslatedToFhirAndSemd_ThenEveryDocumentIsValidByXsd(string file, int documents)
    {
        var result = TranslateSample(file);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        Assert.HasCount(documents, result.Documents);
        var validator = new SemdSchemaValidator(RepositoryPaths.SharedData);
        foreach (var bundle in result.Documents)
        {
            var semd = MisSamples.ToSemd(bundle);
            Assert.IsTrue(semd.Succeeded, bundle.Identifier!.Value + ":\n" + string.Join("\n", semd.Problems));
            var problems = validator.Validate("186", semd.Semd!);
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }
    }

    [TestMethod]
    public void GivenAllSamples_WhenValidatedByOfficialSchematron_ThenZeroErrors()
    {
        var folder = Directory.CreateTempSubdirectory("mis186-");
        try
        {
            foreach (var file in new[] { "Csv/Laboratory-186-01.csv", "Csv/Laboratory-186-02-utf8bom.csv", "Json/Laboratory-186-01.json" })
            {
                foreach (var bundle in TranslateSample(file).Documents)
                {
                    var semd = MisSamples.ToSemd(bundle);
                    Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
                    var path = Path.Combine(folder.FullName, bundle.Identifier!.Value + ".xml");
                    File.WriteAllBytes(path, semd.Semd!);
                    var report = SemdSchematron.Validate("186", path);
                    Assert.AreEqual(0, report.ErrorCount, $"{file} {bundle.Identifier!.Value}:\n" + string.Join("\n", report.Errors) + "\n" + report.Output);
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenCsvSample01_WhenRead_ThenQuotedFieldsDecimalCommaAndGroupingAreKept()
    {
        var result = new LaboratoryCsvReader(MisSamples.Profile).Read(MisSamples.Read("Csv/Laboratory-186-01.csv"));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        CollectionAssert.AreEqual(new[] { "186101", "186102", "186103" }, result.Documents.Select(d => d.DocumentNumber).ToArray());
        var first = result.Documents[0];
        Assert.HasCount(3, first.Results);
        Assert.AreEqual(4.85m, first.Results[1].Value);
        Assert.AreEqual("Лейкоциты; количество в крови методом автоматизированного подсчёта", first.Results[2].TestName);
        Assert.AreEqual("2", first.Results[2].ReferenceRange.Interpret(first.Results[2].Value), "11,8 above 4,0-9,0");
        var second = result.Documents[1];
        Assert.Contains("\n", second.Results[0].TestName);
        Assert.AreEqual("Аланинаминотрансфераза (АЛТ), \"каталитическая концентрация\"", second.Results[1].TestName);
        Assert.AreEqual(new MisReferenceRange(null, 41m, "<41"), second.Results[1].ReferenceRange);
        Assert.AreEqual("2", second.Patient.GenderCode);
        Assert.AreEqual("56789012343", second.Patient.Snils);
    }

    [TestMethod]
    public void GivenSameCsvTwice_WhenTranslated_ThenBundleJsonIsIdentical()
    {
        var bytes = MisSamples.Read("Csv/Laboratory-186-01.csv");
        var first = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(bytes).Documents.Select(MisSamples.ToJson).ToList();
        var second = new LaboratoryCsvToFhirTranslator(MisProfile.Load(Path.Combine(RepositoryPaths.Samples, "Documents", "Csv", "profile.json")))
            .Translate(new MemoryStream(bytes)).Documents.Select(MisSamples.ToJson).ToList();

        Assert.HasCount(3, first);
        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    [DataRow("windows-1251")]
    [DataRow("utf-8")]
    [DataRow("utf-8-bom")]
    public void GivenSample01InEncoding_WhenTranslated_ThenEncodingIsDetectedAndBundlesAreIdentical(string encoding)
    {
        var original = MisSamples.Read("Csv/Laboratory-186-01.csv");
        var text = MisSamples.Windows1251.GetString(original);
        var bytes = encoding switch
        {
            "windows-1251" => MisSamples.Windows1251.GetBytes(text),
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            _ => [.. new UTF8Encoding(true).GetPreamble(), .. new UTF8Encoding(false).GetBytes(text)],
        };

        Assert.AreEqual(encoding, MisTextDecoder.Decode(bytes).EncodingName);
        var expected = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(original).Documents.Select(MisSamples.ToJson).ToList();
        var actual = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(bytes).Documents.Select(MisSamples.ToJson).ToList();
        Assert.HasCount(3, actual);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void GivenCsvDocument_WhenTranslated_ThenIdsFollowTheMisRootAndLocalUidRule()
    {
        var bundle = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(MisSamples.Csv(MisSamples.Row("77001"))).Documents.Single();

        Assert.AreEqual("urn:oid:1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", bundle.Identifier!.System);
        Assert.AreEqual("77001", bundle.Identifier!.Value);
        Assert.AreEqual(NameBasedUuid.ForDocument("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", "77001"), Guid.Parse(bundle.Id!));
        Assert.IsTrue(bundle.Entry.All(e => e.FullUrl!.StartsWith("urn:uuid:", StringComparison.Ordinal)));
        var semd = MisSamples.ToSemd(bundle);
        Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
        Assert.AreEqual(Guid.Parse(bundle.Id!), semd.Facts!.LocalUid);
        Assert.AreEqual("45678901238", semd.Facts.Patient.Snils);
    }

    [TestMethod]
    public void GivenUnknownTestCode_WhenTranslatedThroughTheChain_ThenSemdTranslatorReportsTrn011()
    {
        var csv = MisSamples.Csv(MisSamples.Row("1001", 0, (16, "9999999")));

        var fhir = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(csv);
        Assert.IsTrue(fhir.Succeeded, string.Join("\n", fhir.Problems));
        var semd = MisSamples.ToSemd(fhir.Documents.Single());

        Assert.IsFalse(semd.Succeeded);
        Assert.IsTrue(semd.Problems.Any(p => p.Code == TranslationErrorCodes.UnknownCode && p.Message.Contains("9999999", StringComparison.Ordinal)),
            string.Join("\n", semd.Problems));
    }
}
