using System.Text;
using System.Text.Json.Nodes;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class FactsTests
{
    [TestMethod]
    public void GivenSample01_WhenTranslated_ThenFactsDescribeDocumentPatientAndSigner()
    {
        var facts = Samples186.Translator.Translate(Samples186.Read("01")).Facts!;

        Assert.AreEqual("186", facts.Kind);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", facts.DocumentIdRoot);
        Assert.AreEqual("186001", facts.DocumentIdExtension);
        Assert.AreEqual(Guid.Parse("a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601"), facts.LocalUid);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973", facts.OrganizationOid);
        Assert.AreEqual("1.2.643.5.1.13.13.12.2.77.7973.0.224589", facts.DepartmentOid);
        Assert.AreEqual(new DateTimeOffset(2025, 3, 10, 14, 30, 0, TimeSpan.FromHours(3)), facts.CreatedAt);
        Assert.AreEqual(new SemdPatientFacts("45678901238", "Смирнов", "Алексей", "Николаевич", "1980-03-15", "1"), facts.Patient);
        Assert.AreEqual(new SemdSignerFacts("1", "23456789099", "35", "Врач клинической лабораторной диагностики"), facts.Signers.Single());
        Assert.IsEmpty(facts.Signatures);
    }

    [TestMethod]
    [DataRow("02", "56789012343", "2", "34567890123")]
    [DataRow("03", "67890123438", "1", "23456789099")]
    public void GivenOtherSamples_WhenTranslated_ThenPatientAndAuthorMatch(string number, string patientSnils, string gender, string authorSnils)
    {
        var facts = Samples186.Translator.Translate(Samples186.Read(number)).Facts!;

        Assert.AreEqual(patientSnils, facts.Patient.Snils);
        Assert.AreEqual(gender, facts.Patient.GenderCode);
        Assert.AreEqual(authorSnils, facts.Signers[0].Snils);
    }

    [TestMethod]
    public void GivenBundleIdThatIsNoUuid_WhenTranslated_ThenLocalUidIsVersion5OfDocumentId()
    {
        var facts = Samples186.Translator.Translate(Samples186.Read("03")).Facts!;

        Assert.AreEqual(NameBasedUuid.ForDocument("1.2.643.5.1.13.13.12.2.77.7973.100.1.1.51", "186003"), facts.LocalUid);
        Assert.AreEqual('5', facts.LocalUid.ToString()[14]);
    }

    [TestMethod]
    public void GivenKnownName_WhenUuidV5IsMade_ThenItMatchesRfcExample()
    {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        Assert.AreEqual(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
            NameBasedUuid.Create(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
    }

    [TestMethod]
    public void GivenBundleSignature_WhenTranslated_ThenSignatureIsCarriedAndRenderingIsUnchanged()
    {
        var bundle = BadInputTests.Sample01();
        var cms = new byte[] { 0x30, 0x82, 0x01, 0x02, 0x06, 0x09 };
        bundle["signature"] = new JsonObject
        {
            ["type"] = new JsonArray(new JsonObject { ["system"] = "urn:iso-astm:E1762-95:2013", ["code"] = "1.2.840.10065.1.12.1.1" }),
            ["when"] = "2025-03-10T15:00:00+03:00",
            ["who"] = new JsonObject { ["reference"] = BadInputTests.Entry(bundle, 0)["author"]![0]!["reference"]!.GetValue<string>() },
            ["targetFormat"] = "application/xml",
            ["sigFormat"] = "application/pkcs7-signature",
            ["data"] = Convert.ToBase64String(cms),
        };

        var signed = Samples186.Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));
        var unsigned = Samples186.Translator.Translate(Samples186.Read("01"));

        Assert.IsTrue(signed.Succeeded, string.Join("\n", signed.Problems));
        var carried = signed.Facts!.Signatures.Single();
        Assert.AreEqual("23456789099", carried.SignerSnils);
        CollectionAssert.AreEqual(cms, carried.Data);
        Assert.AreEqual("Bundle.signature", carried.Location);
        CollectionAssert.AreEqual(unsigned.Semd, signed.Semd);
    }

    [TestMethod]
    [DataRow("234-567-890 99", true)]
    [DataRow("345-678-901 23", true)]
    [DataRow("456-789-012 38", true)]
    [DataRow("567-890-123 43", true)]
    [DataRow("678-901-234 38", true)]
    [DataRow("112-233-445 95", true)]
    [DataRow("112-233-445 96", false)]
    public void GivenSnils_WhenChecksumChecked_ThenResultMatches(string snils, bool valid)
    {
        Assert.AreEqual(valid, Snils.HasValidChecksum(Snils.Normalize(snils)!));
    }

    [TestMethod]
    public void GivenBrokenXml_WhenSchemaValidated_ThenSemdXsdProblemsWithLineAndColumn()
    {
        var xml = "<?xml version=\"1.0\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">\n  <bogus/>\n</ClinicalDocument>\n";

        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("186", Encoding.UTF8.GetBytes(xml));

        Assert.IsNotEmpty(problems);
        Assert.IsTrue(problems.All(p => p.Code == SemdSchemaValidator.ErrorCode));
        Assert.StartsWith("line 3, column 4", problems[0].Location);
    }

    [TestMethod]
    public void GivenXmlWithDtd_WhenSchemaValidated_ThenRefused()
    {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\">&e;</ClinicalDocument>\n";

        var problems = new SemdSchemaValidator(RepositoryPaths.SharedData).Validate("186", Encoding.UTF8.GetBytes(xml));

        Assert.AreEqual(SemdSchemaValidator.ErrorCode, problems.Single().Code);
        StringAssert.Contains(problems.Single().Message, "DTD");
    }
}
