using System.Text;
using EgiszBus.TestKit;
using Hl7.Fhir.Model;

namespace EgiszBus.Adapters.Semd.Tests;

[TestClass]
public sealed class SemdToFhirTests
{
    private static byte[] Example => File.ReadAllBytes(Path.Combine(RepositoryPaths.SharedData, "samples", "consultation.xml"));

    private static SemdToFhirTranslator Reader => new(Samples186.Catalog);

    [TestMethod]
    public void GivenOfficialExample_WhenRead_ThenHeaderResourcesFollowTheProfile()
    {
        var bundle = Reader.Translate(Example).Bundle!;

        Assert.AreEqual(Bundle.BundleType.Document, bundle.Type);
        Assert.AreEqual("urn:oid:1.2.643.5.1.13.13.12.2.77.7831.100.1.1.51", bundle.Identifier!.System);
        Assert.AreEqual("144632", bundle.Identifier!.Value);
        var composition = (Composition)bundle.Entry[0].Resource!;
        CollectionAssert.AreEqual(new[] { "227", "13" }, composition.Type!.Coding.Select(c => c.Code).ToArray());
        Assert.AreEqual("1", composition.Meta!.VersionId);
        Assert.AreEqual("163725", composition.Identifier!.Value);
        Assert.AreEqual("N", composition.Meta!.Security.Single().Code);
        Assert.IsNull(composition.Date, "effectiveTime nullFlavor=NA has no value");
        Assert.AreEqual("not-applicable", ((Code)composition.DateElement!.Extension.Single().Value!).Value);
        var patient = (Patient)bundle.Entry.Single(e => e.FullUrl == composition.Subject!.Reference).Resource!;
        Assert.AreEqual("25463625426", patient.Identifier.Single(i => i.System == "urn:oid:1.2.643.100.3").Value);
        CollectionAssert.AreEqual(new[] { "Михаил", "Владимирович" }, patient.Name[0].Given!.ToArray());
        Assert.AreEqual(AdministrativeGender.Male, patient.Gender);
        Assert.AreEqual("1958-02-17", patient.BirthDate);
        var custodian = (Organization)bundle.Entry.Single(e => e.FullUrl == composition.Custodian!.Reference).Resource!;
        Assert.AreEqual("urn:oid:1.2.643.5.1.13.13.12.2.77.7831", custodian.Identifier.Single(i => i.System == "urn:ietf:rfc:3986").Value);
        Assert.AreEqual("1027739578404", custodian.Identifier.Single(i => i.System == "urn:oid:1.2.643.100.1").Value);
        var legal = composition.Attester.Single(a => a.Mode == Composition.CompositionAttestationMode.Legal);
        var role = (PractitionerRole)bundle.Entry.Single(e => e.FullUrl == legal.Party!.Reference).Resource!;
        Assert.AreEqual("334", role.Code.Single().Coding.Single().Code);
        var sections = composition.Section.SelectMany(Flatten).Select(s => s.Code!.Coding.Single().Code).ToArray();
        CollectionAssert.IsSubsetOf(new[] { "DOCINFO", "COMPLNTS", "ANAM", "RESCONS", "DGN", "REGIME" }, sections);
        Assert.StartsWith("<div xmlns=\"http://www.w3.org/1999/xhtml\">", composition.Section[2].Text!.Div);
    }

    private static IEnumerable<Composition.SectionComponent> Flatten(Composition.SectionComponent s) => [s, .. s.Section.SelectMany(Flatten)];

    [TestMethod]
    public void GivenSemdWithDtd_WhenRead_ThenMalformedXmlWithLineAndColumn()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><ClinicalDocument xmlns=\"urn:hl7-org:v3\">&e;</ClinicalDocument>";

        var result = Reader.Translate(Encoding.UTF8.GetBytes(xml));

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("TRN-201", result.Problems.Single().Code);
        Assert.StartsWith("line 1, column", result.Problems.Single().Location, result.Problems.Single().ToString());
    }

    [TestMethod]
    public void GivenTooDeepXml_WhenRead_ThenMalformedXml()
    {
        var xml = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\">" + string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200)) + "</ClinicalDocument>";

        Assert.AreEqual("TRN-201", Reader.Translate(Encoding.UTF8.GetBytes(xml)).Problems.Single().Code);
    }

    [TestMethod]
    public void GivenOtherRootElement_WhenRead_ThenNotClinicalDocument()
    {
        Assert.AreEqual("TRN-202", Reader.Translate(Encoding.UTF8.GetBytes("<Bundle xmlns=\"http://hl7.org/fhir\"/>")).Problems.Single().Code);
    }

    [TestMethod]
    [DataRow("<id root=\"1.2.643.5.1.13.13.12.2.77.7831.100.1.1.51\" extension=\"144632\"/>", "", "TRN-203", "/ClinicalDocument/id")]
    [DataRow("<versionNumber value=\"1\"/>", "<versionNumber value=\"один\"/>", "TRN-204", "/ClinicalDocument/versionNumber/@value")]
    [DataRow("<birthTime value=\"19580217\"/>", "<birthTime value=\"17.02.1958\"/>", "TRN-204", "/ClinicalDocument/recordTarget/patientRole/patient/birthTime/@value")]
    [DataRow("<family>Сельченков</family>", "", "TRN-203", "/ClinicalDocument/recordTarget/patientRole/patient/name")]
    [DataRow("<templateId root=\"1.2.643.5.1.13.13.15.13.5\"/>", "<templateId root=\"1.2.3\"/>", null, null)]
    public void GivenBrokenHeader_WhenRead_ThenProblemHasCodeAndXPath(string original, string replacement, string? code, string? location)
    {
        var xml = Encoding.UTF8.GetString(Example);
        Assert.Contains(original, xml);

        var result = Reader.Translate(Encoding.UTF8.GetBytes(xml.Replace(original, replacement, StringComparison.Ordinal)));

        if (code is null)
        {
            // The 1520 code names the kind; the template does not matter then (older template generations read the same).
            Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
            Assert.AreEqual("227", result.Kind);
            return;
        }

        Assert.IsFalse(result.Succeeded);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenSemdOfUnknownType_WhenRead_ThenUnknownDocumentKind()
    {
        var semd = Encoding.UTF8.GetString(Samples186.Translator.Translate(Samples186.Read("01")).Semd!)
            .Replace("<templateId root=\"1.2.643.5.1.13.13.14.7.9.5\" />", "<templateId root=\"1.2.3\" />", StringComparison.Ordinal)
            .Replace("code=\"7\" codeSystem=\"1.2.643.5.1.13.13.11.1522\"", "code=\"999\" codeSystem=\"1.2.643.5.1.13.13.11.1522\"", StringComparison.Ordinal);

        var result = Reader.Translate(Encoding.UTF8.GetBytes(semd));

        Assert.IsTrue(result.Problems.Any(p => p.Code == "TRN-205" && p.Location == "/ClinicalDocument/code"), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenTwoSemdsDifferingInOneHeaderFact_WhenCompared_ThenTheDifferenceIsListed()
    {
        var original = Example;
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("<given>Михаил</given>", "<given>Михаил Петрович</given>", StringComparison.Ordinal));

        var differences = HeaderFactLists.Differences(original, changed);

        Assert.HasCount(1, differences);
        Assert.Contains("patient/v3:name/v3:given", differences[0]);
    }
}
