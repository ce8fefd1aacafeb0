using System.Text;
using System.Text.Json.Nodes;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed class JsonBadInputTests
{
    private static JsonObject Sample() => JsonNode.Parse(MisSamples.Read("Json/Laboratory-186-01.json"))!.AsObject();

    private static MisReadResult<Hl7.Fhir.Model.Bundle> Translate(string json) =>
        new LaboratoryJsonToFhirTranslator(MisSamples.Profile, FixedTime.Spring2025).Translate(Encoding.UTF8.GetBytes(json));

    [TestMethod]
    [DataRow("results", "[]", MisErrorCodes.NoResults, "$.results")]
    [DataRow("results[2].value", "\"3,2\"", MisErrorCodes.InvalidNumber, "$.results[2].value")]
    [DataRow("results[1].specimenDate", "\"2025-02-31\"", MisErrorCodes.InvalidDate, "$.results[1].specimenDate")]
    [DataRow("results[0].referenceRange", "\"высокий\"", MisErrorCodes.InvalidReferenceRange, "$.results[0].referenceRange")]
    [DataRow("patient.birthDate", "\"1800-01-01\"", MisErrorCodes.DateOutOfRange, "$.patient.birthDate")]
    [DataRow("patient.snils", "\"112-233-445 96\"", MisErrorCodes.InvalidSnils, "$.patient.snils")]
    [DataRow("patient.gender", "\"m\"", MisErrorCodes.UnknownGender, "$.patient.gender")]
    [DataRow("patient.snls", "\"112-233-445 95\"", MisErrorCodes.InvalidStructure, "$.patient.snls")]
    [DataRow("author", "null", MisErrorCodes.MissingValue, "$.author")]
    [DataRow("author.positionCode", "35", MisErrorCodes.InvalidStructure, "$.author.positionCode")]
    [DataRow("organizationOid", "\"1.2.643.5.1.13.13.12.2.77.1\"", MisErrorCodes.UnknownOrganization, "$.organizationOid")]
    [DataRow("documentDate", "\"24.03.2025\"", MisErrorCodes.InvalidDate, "$.documentDate")]
    public void GivenBadValue_WhenTranslated_ThenProblemIsLocatedByJsonPath(string path, string value, string code, string location)
    {
        var root = Sample();
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode target = root;
        foreach (var part in parts[..^1])
        {
            target = part.StartsWith('[') ? target[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : target[part]!;
        }

        var last = parts[^1];
        if (last.StartsWith('['))
        {
            target[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = JsonNode.Parse(value);
        }
        else
        {
            target[last] = JsonNode.Parse(value);
        }

        var result = Translate(root.ToJsonString());

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code == code && p.Location == location), string.Join("\n", result.Problems));
    }

    [TestMethod]
    [DataRow("{\n  \"documentNumber\": \"1\",\n  \"documentDate\": ,\n}", "line 3, column 19")]
    [DataRow("{\"documentNumber\": \"1\"", "line 1, column 23")]
    public void GivenMalformedJson_WhenTranslated_ThenLineAndColumnAreGiven(string json, string location)
    {
        var problem = Translate(json).Problems.Single();

        Assert.AreEqual(MisErrorCodes.MalformedInput, problem.Code);
        Assert.AreEqual(location, problem.Location);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("  \n")]
    public void GivenEmptyJson_WhenTranslated_ThenEmptyInputIsReported(string json) =>
        Assert.AreEqual(MisErrorCodes.EmptyInput, Translate(json).Problems.Single().Code);

    [TestMethod]
    public void GivenJsonArray_WhenTranslated_ThenStructureProblemAtRoot()
    {
        var problem = Translate("[]").Problems.Single();

        Assert.AreEqual(MisErrorCodes.InvalidStructure, problem.Code);
        Assert.AreEqual("$", problem.Location);
    }

    [TestMethod]
    public void GivenJsonAndCsvOfTheSameDocument_WhenTranslated_ThenBundlesAreIdentical()
    {
        var json = new JsonObject
        {
            ["documentNumber"] = "1001",
            ["documentDate"] = "2025-03-12T14:30",
            ["organizationOid"] = "1.2.643.5.1.13.13.12.2.77.7973",
            ["patient"] = new JsonObject
            {
                ["snils"] = "456-789-012 38", ["family"] = "Смирнов", ["given"] = "Алексей", ["patronymic"] = "Николаевич",
                ["birthDate"] = "1980-03-15", ["gender"] = "male", ["omsPolicy"] = "7751234567890011",
            },
            ["author"] = new JsonObject
            {
                ["snils"] = "234-567-890 99", ["family"] = "Сидорова", ["given"] = "Анна", ["patronymic"] = "Викторовна", ["positionCode"] = "35",
            },
            ["results"] = new JsonArray(new JsonObject
            {
                ["testCode"] = "1017375", ["testName"] = "Эритроциты", ["value"] = 4.85m, ["unit"] = "328", ["referenceRange"] = "4,0-5,5",
                ["specimenDate"] = "2025-03-12T08:30",
            }),
        };

        var fromJson = Translate(json.ToJsonString());
        var fromCsv = new LaboratoryCsvToFhirTranslator(MisSamples.Profile).Translate(MisSamples.Csv(MisSamples.Row("1001", 1)));

        Assert.IsTrue(fromJson.Succeeded, string.Join("\n", fromJson.Problems));
        Assert.AreEqual(MisSamples.ToJson(fromCsv.Documents.Single()), MisSamples.ToJson(fromJson.Documents.Single()));
    }
}
