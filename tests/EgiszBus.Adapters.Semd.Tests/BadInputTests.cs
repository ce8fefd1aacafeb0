using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>Bad inputs are made from sample 01 in code. Entries: 0 Composition, 1 Patient, 2 Practitioner, 3 PractitionerRole,
/// 4 Organization, 5 department, 6 Specimen, 7 Device, 8 DiagnosticReport, 9.. Observations.</summary>
[TestClass]
public sealed class BadInputTests
{
    [TestMethod]
    [DataRow("not-a-bundle", TranslationErrorCodes.NotABundle, "Bundle.resourceType")]
    [DataRow("collection", TranslationErrorCodes.NotADocument, "Bundle.type")]
    [DataRow("patient-first", TranslationErrorCodes.FirstEntryNotComposition, "Bundle.entry[0].resource")]
    [DataRow("kind-187", TranslationErrorCodes.WrongDocumentKind, "Bundle.entry[0].resource.type")]
    [DataRow("subject-dangling", TranslationErrorCodes.UnresolvedReference, "Bundle.entry[0].resource.subject.reference")]
    [DataRow("no-author", TranslationErrorCodes.UnresolvedReference, "Bundle.entry[0].resource.author")]
    [DataRow("custodian-dangling", TranslationErrorCodes.UnresolvedReference, "Bundle.entry[0].resource.custodian.reference")]
    [DataRow("no-patient-snils", TranslationErrorCodes.MissingSnils, "Bundle.entry[1].resource.identifier")]
    [DataRow("patient-snils-checksum", TranslationErrorCodes.InvalidSnils, "Bundle.entry[1].resource.identifier[1].value")]
    [DataRow("doctor-snils-checksum", TranslationErrorCodes.InvalidSnils, "Bundle.entry[2].resource.identifier[1].value")]
    [DataRow("no-birth-date", TranslationErrorCodes.MissingElement, "Bundle.entry[1].resource.birthDate")]
    [DataRow("no-gender", TranslationErrorCodes.MissingElement, "Bundle.entry[1].resource.gender")]
    [DataRow("no-name", TranslationErrorCodes.MissingElement, "Bundle.entry[1].resource.name")]
    [DataRow("unknown-test", TranslationErrorCodes.UnknownCode, "Bundle.entry[9].resource.code.coding[0].code")]
    [DataRow("unknown-unit", TranslationErrorCodes.UnknownCode, "Bundle.entry[9].resource.value.code")]
    [DataRow("unknown-position", TranslationErrorCodes.UnknownCode, "Bundle.entry[3].resource.code[0].coding[0].code")]
    [DataRow("no-results", TranslationErrorCodes.NoResults, "Bundle.entry[8].resource.result")]
    [DataRow("signature-not-base64", TranslationErrorCodes.InvalidSignature, "Bundle.signature.data")]
    [DataRow("no-document-id", TranslationErrorCodes.MissingElement, "Bundle.identifier")]
    [DataRow("unknown-element", TranslationErrorCodes.NotFhir, "Bundle")]
    public void GivenBrokenBundle_WhenTranslated_ThenProblemWithCodeAndLocation(string mutation, string code, string location)
    {
        var bundle = Sample01();
        Mutate(bundle, mutation);

        var result = Samples186.Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsFalse(result.Succeeded);
        Assert.IsNull(result.Semd);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    public void GivenMalformedJson_WhenTranslated_ThenLineAndColumnAreReported()
    {
        var json = "{\n  \"resourceType\": \"Bundle\",\n  \"type\": }\n";

        var result = Samples186.Translator.Translate(Encoding.UTF8.GetBytes(json));

        Assert.AreEqual(TranslationErrorCodes.MalformedJson, result.Problems.Single().Code);
        Assert.AreEqual("line 3, column 11", result.Problems.Single().Location);
    }

    [TestMethod]
    public void GivenSeveralFaults_WhenTranslated_ThenAllAreReported()
    {
        var bundle = Sample01();
        Mutate(bundle, "patient-snils-checksum");
        Mutate(bundle, "unknown-test");
        Mutate(bundle, "no-gender");

        var codes = Samples186.Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString())).Problems.Select(p => p.Code).ToHashSet();

        CollectionAssert.IsSubsetOf(new[] { TranslationErrorCodes.InvalidSnils, TranslationErrorCodes.UnknownCode, TranslationErrorCodes.MissingElement }, codes.ToArray());
    }

    [TestMethod]
    public void GivenValidChecksumSnilsOfAnotherPerson_WhenTranslated_ThenSucceedsWithThatSnils()
    {
        var bundle = Sample01();
        Entry(bundle, 1)["identifier"]![1]!["value"] = "112-233-445 95";

        var result = Samples186.Translator.Translate(Encoding.UTF8.GetBytes(bundle.ToJsonString()));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        Assert.AreEqual("11223344595", result.Facts!.Patient.Snils);
    }

    internal static JsonObject Sample01() => JsonNode.Parse(Samples186.Read("01"))!.AsObject();

    internal static JsonObject Entry(JsonObject bundle, int index) => bundle["entry"]![index]!["resource"]!.AsObject();

    private static void Mutate(JsonObject bundle, string mutation)
    {
        switch (mutation)
        {
            case "not-a-bundle": bundle["resourceType"] = "Patient"; break;
            case "collection": bundle["type"] = "collection"; break;
            case "patient-first":
                var entries = bundle["entry"]!.AsArray();
                var first = entries[0]!;
                entries.RemoveAt(0);
                entries.Insert(1, first);
                break;
            case "kind-187": Entry(bundle, 0)["type"]!["coding"]![0]!["code"] = "187"; break;
            case "subject-dangling": Entry(bundle, 0)["subject"]!["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"; break;
            case "no-author": Entry(bundle, 0).Remove("author"); break;
            case "custodian-dangling": Entry(bundle, 0)["custodian"]!["reference"] = "Organization/nowhere"; break;
            case "no-patient-snils": Entry(bundle, 1)["identifier"]!.AsArray().RemoveAt(1); break;
            case "patient-snils-checksum": Entry(bundle, 1)["identifier"]![1]!["value"] = "112-233-445 96"; break;
            case "doctor-snils-checksum": Entry(bundle, 2)["identifier"]![1]!["value"] = "112-233-445 96"; break;
            case "no-birth-date": Entry(bundle, 1).Remove("birthDate"); break;
            case "no-gender": Entry(bundle, 1).Remove("gender"); break;
            case "no-name": Entry(bundle, 1).Remove("name"); break;
            case "unknown-test": Entry(bundle, 9)["code"]!["coding"]![0]!["code"] = "9999999"; break;
            case "unknown-unit": Entry(bundle, 9)["valueQuantity"]!["code"] = "99999"; break;
            case "unknown-position": Entry(bundle, 3)["code"]![0]!["coding"]![0]!["code"] = "99999"; break;
            case "no-results": Entry(bundle, 8)["result"] = new JsonArray(); break;
            case "signature-not-base64":
                bundle["signature"] = new JsonObject
                {
                    ["type"] = new JsonArray(new JsonObject { ["system"] = "urn:iso-astm:E1762-95:2013", ["code"] = "1.2.840.10065.1.12.1.1" }),
                    ["when"] = "2025-03-10T15:00:00+03:00",
                    ["who"] = new JsonObject { ["reference"] = Entry(bundle, 0)["author"]![0]!["reference"]!.GetValue<string>() },
                    ["data"] = "not base64 at all!",
                };
                break;
            case "no-document-id": bundle.Remove("identifier"); break;
            case "unknown-element": Entry(bundle, 1)["favouriteColour"] = "green"; break;
            default: throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }
    }
}
