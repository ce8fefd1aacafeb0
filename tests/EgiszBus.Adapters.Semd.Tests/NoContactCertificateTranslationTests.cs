using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class NoContactCertificateTranslationTests
{
    private const string DocInfoObservation = "/v3:ClinicalDocument/v3:component/v3:structuredBody/v3:component/v3:section[v3:code/@code='DOCINFO']/v3:entry/v3:observation";

    internal static string SamplePath => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", "NoContactCertificate-80-01.json");

    internal static NoContactCertificateFhirToSemdTranslator Translator => new(Samples186.Catalog);

    private static byte[] Sample => File.ReadAllBytes(SamplePath);

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenValidByXsdAndOfficialSchematron()
    {
        var result = Translator.Translate(Sample);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("80", result.Semd!);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var folder = Directory.CreateTempSubdirectory("semd80-");
        try
        {
            var file = Path.Combine(folder.FullName, "NoContactCertificate-80-01.xml");
            File.WriteAllBytes(file, result.Semd!);
            var report = SemdSchematron.Validate("80", file);
            Assert.AreEqual(0, report.ErrorCount, string.Join("\n", report.Errors));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void GivenSample_WhenTranslatedTwice_ThenBytesAreIdentical()
    {
        var first = Translator.Translate(Sample).Semd!;
        var second = new NoContactCertificateFhirToSemdTranslator(new NsiCatalog(RepositoryPaths.SharedData)).Translate(Sample).Semd!;

        CollectionAssert.AreEqual(first, second);
        Assert.AreNotEqual(0xEF, first[0], "no BOM");
        Assert.DoesNotContain("\r", Encoding.UTF8.GetString(first));
    }

    /// <summary>
    /// Golden file. To regenerate after an intended change of the rendering:
    /// <c>EGISZBUS_REGENERATE_GOLDEN=1 dotnet test tests/EgiszBus.Adapters.Semd.Tests --filter GivenNoContactCertificateSample_WhenTranslated_ThenEqualsGoldenFile</c>,
    /// then review the diff of <c>Golden/NoContactCertificate-80-01.xml</c> and rerun without the variable.
    /// </summary>
    [TestMethod]
    public void GivenNoContactCertificateSample_WhenTranslated_ThenEqualsGoldenFile()
    {
        var golden = Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", "NoContactCertificate-80-01.xml");
        var actual = Translator.Translate(Sample).Semd!;
        if (Environment.GetEnvironmentVariable("EGISZBUS_REGENERATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(golden, actual);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(golden), actual, "SEMD differs from " + golden);
    }

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenHeaderCarriesKind80TemplateTypeAndSignatureCode()
    {
        var semd = Translator.Translate(Sample).Semd!;

        CollectionAssert.AreEqual(new[] { "1.2.643.5.1.13.13.14.88.9.2" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:templateId/@root"));
        CollectionAssert.AreEqual(new[] { "88" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@code"));
        CollectionAssert.AreEqual(new[] { "Справка об отсутствии контактов с инфекционными больными" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:code/@displayName"));
        CollectionAssert.AreEqual(new[] { "S" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:legalAuthenticator/v3:signatureCode/@code"));
        CollectionAssert.AreEqual(new[] { "IND" }, HeaderFactLists.Values(semd, "/v3:ClinicalDocument/v3:participant/@typeCode"));
    }

    [TestMethod]
    [DataRow("837", "@code", "8")]
    [DataRow("837", "@codeSystem", "1.2.643.5.1.13.13.99.2.725")]
    [DataRow("837", "@codeSystemName", "Перечень заключений в медицинских документах")]
    [DataRow("837", "@codeSystemVersion", "1.15")]
    [DataRow("837", "@displayName", "За последние 21 день инфекционных заболеваний не зарегистрировано")]
    [DataRow("12007", "@value", "false")]
    public void GivenSample_WhenTranslated_ThenDocInfoValueIsFullyCoded(string field, string attribute, string expected)
    {
        var semd = Translator.Translate(Sample).Semd!;

        CollectionAssert.AreEqual(new[] { expected }, HeaderFactLists.Values(semd, $"{DocInfoObservation}[v3:code/@code='{field}']/v3:value/{attribute}"));
    }

    [TestMethod]
    public void GivenSample_WhenTranslated_ThenFactsNameKindIdsPatientAndSigner()
    {
        var facts = Translator.Translate(Sample).Facts!;

        Assert.AreEqual("80", facts.Kind);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual("80001", facts.DocumentIdExtension);
        Assert.AreEqual(Guid.Parse("d59d889a-5364-451d-8e44-ffe6c5f9de1c"), facts.LocalUid);
        Assert.AreEqual(new SemdPatientFacts("67890123438", "Васильев", "Дмитрий", "Андреевич", "1992-07-21", "1"), facts.Patient);
        CollectionAssert.AreEqual(new[] { "23456789099" }, facts.Signers.Select(s => s.Snils).ToArray());
    }

    [TestMethod]
    [DataRow("remove-docinfo", "TRN-007", "Bundle.entry[0].resource.section")]
    [DataRow("remove-837", "TRN-007", "Bundle.entry[0].resource.section[0].entry")]
    [DataRow("care-order-99", "TRN-011", "Bundle.entry[5].resource.value")]
    [DataRow("care-order-no-system", "TRN-007", "Bundle.entry[5].resource.value")]
    [DataRow("contact-not-boolean", "TRN-007", "Bundle.entry[6].resource.value")]
    [DataRow("period-without-end", "TRN-007", "Bundle.entry[7].resource.effective")]
    [DataRow("unknown-field", "TRN-011", "Bundle.entry[7].resource.code")]
    [DataRow("remove-coverage", "TRN-007", "Bundle.entry")]
    [DataRow("wrong-1522-type", "TRN-006", "Bundle.entry[0].resource.type")]
    [DataRow("wrong-kind", "TRN-006", "Bundle.entry[0].resource.type")]
    [DataRow("bad-patient-snils", "TRN-010", "Bundle.entry[1].resource.identifier[1].value")]
    public void GivenBrokenBundle_WhenTranslated_ThenFailsWithCodeAndLocation(string breakage, string code, string location)
    {
        var bundle = JsonNode.Parse(Sample)!;
        var entries = bundle["entry"]!.AsArray();
        var composition = entries[0]!["resource"]!;
        JsonNode Observation(string field) => entries.Select(e => e!["resource"]!).First(r => (string?)r["resourceType"] == "Observation" && (string?)r["code"]!["coding"]![0]!["code"] == field);
        switch (breakage)
        {
            case "remove-docinfo":
                composition.AsObject().Remove("section");
                break;
            case "remove-837":
                composition["section"]![0]!["entry"]!.AsArray().RemoveAt(0);
                break;
            case "care-order-99":
                Observation("837")["valueCodeableConcept"]!["coding"]![0]!["code"] = "99";
                break;
            case "care-order-no-system":
                Observation("837")["valueCodeableConcept"]!["coding"]![0]!["system"] = "urn:oid:1.2.643.5.1.13.13.11.1005";
                break;
            case "contact-not-boolean":
                Observation("12007").AsObject().Remove("valueBoolean");
                break;
            case "period-without-end":
                Observation("10001")["effectivePeriod"]!.AsObject().Remove("end");
                break;
            case "unknown-field":
                Observation("10001")["code"]!["coding"]![0]!["code"] = "99999";
                break;
            case "remove-coverage":
                entries.Remove(entries.First(e => (string?)e!["resource"]!["resourceType"] == "Coverage"));
                break;
            case "wrong-1522-type":
                composition["type"]!["coding"]![1]!["code"] = "5";
                break;
            case "wrong-kind":
                composition["type"]!["coding"]![0]!["code"] = "119";
                break;
            case "bad-patient-snils":
                entries[1]!["resource"]!["identifier"]![1]!["value"] = "112-233-445 96";
                break;
        }

        var result = Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenTranslatedSemd_WhenReadBack_ThenKindPatientAndAuthorSurvive()
    {
        var semd = Translator.Translate(Sample).Semd!;

        var read = new SemdToFhirTranslator(Samples186.Catalog).Translate(semd);

        Assert.IsTrue(read.Succeeded, string.Join("\n", read.Problems));
        Assert.AreEqual("80", read.Kind);
        var bundle = read.Bundle!;
        var composition = (Composition)bundle.Entry[0].Resource!;
        Assert.AreEqual("80001", bundle.Identifier!.Value);
        var patient = (Patient)bundle.Entry.Single(e => e.FullUrl == composition.Subject!.Reference).Resource!;
        Assert.AreEqual("67890123438", patient.Identifier.Single(i => i.System == "urn:oid:1.2.643.100.3").Value);
        Assert.AreEqual("1992-07-21", patient.BirthDate);
        var author = (PractitionerRole)bundle.Entry.Single(e => e.FullUrl == composition.Author[0].Reference).Resource!;
        var practitioner = (Practitioner)bundle.Entry.Single(e => e.FullUrl == author.Practitioner!.Reference).Resource!;
        Assert.AreEqual("23456789099", practitioner.Identifier.Single(i => i.System == "urn:oid:1.2.643.100.3").Value);
        Assert.AreEqual("Сидорова", practitioner.Name[0].Family);
    }
}
