using System.Text;
using CsCheck;
using EgiszBus.Adapters.Semd.Schematron;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests.Properties;

/// <summary>
/// Property tests: random valid documents of three kinds always translate to SEMD that passes the XSD (many cases,
/// fast) and the official schematron (a batch per kind, one Saxon run).
/// </summary>
[TestClass]
public sealed class RandomDocumentPropertyTests
{
    private static readonly string[] Kinds = ["Laboratory-186-01", "Consultation-119-01", "Prescription-148-01"];

    public static IEnumerable<object[]> Samples => Kinds
        .Where(name => File.Exists(PathOf(name)))
        .Select(name => new object[] { name });

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public void GivenRandomValidDocuments_WhenTranslated_ThenEverySemdPassesTheXsd(string sample)
    {
        var translators = new FhirToSemdTranslators(Samples186.Catalog);
        var xsd = new SemdSchemaValidator(RepositoryPaths.SharedData);
        RandomDocument.For(PathOf(sample)).Sample(document =>
        {
            var result = translators.Translate(Encoding.UTF8.GetBytes(document.Json));
            Assert.IsTrue(result.Succeeded, document.Description + ": " + string.Join("; ", result.Problems));
            var problems = xsd.Validate(result.Facts!.Kind, result.Semd!);
            Assert.AreEqual(0, problems.Count, document.Description + ": " + string.Join("; ", problems));
        }, iter: 60, threads: 1);
    }

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public async Task GivenRandomValidDocuments_WhenTranslated_ThenEverySemdPassesTheOfficialSchematron(string sample)
    {
        var translators = new FhirToSemdTranslators(Samples186.Catalog);
        var documents = new List<(RandomDocument Document, byte[] Semd, string Kind)>();
        RandomDocument.For(PathOf(sample)).Sample(document =>
        {
            var result = translators.Translate(Encoding.UTF8.GetBytes(document.Json));
            Assert.IsTrue(result.Succeeded, document.Description + ": " + string.Join("; ", result.Problems));
            documents.Add((document, result.Semd!, result.Facts!.Kind));
        }, iter: 12, threads: 1);

        var kind = documents[0].Kind;
        var reports = await new SchematronValidator(RepositoryPaths.SharedData)
            .ValidateManyAsync(kind, documents.Select(d => (ReadOnlyMemory<byte>)d.Semd).ToList());
        var failures = documents.Zip(reports).Where(p => p.Second.Count > 0)
            .Select(p => p.First.Document.Description + ": " + string.Join("; ", p.Second.Take(3)))
            .ToList();
        Assert.AreEqual(0, failures.Count, string.Join(Environment.NewLine, failures));
    }

    private static string PathOf(string name) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", name + ".json");
}
