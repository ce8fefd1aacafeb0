using System.Text;
using System.Text.RegularExpressions;
using EgiszBus.Adapters.Semd;
using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Mis.Tests;

[TestClass]
public sealed partial class MisTranslatorsTests
{
    private static readonly Lazy<FhirToSemdTranslators> SemdLazy = new(() => new FhirToSemdTranslators(new NsiCatalog(RepositoryPaths.SharedData)));

    // The shared semd/147 folder holds another kind's rules; kind 147 validates against the 119 schemas (same CDA header XSD).
    private static readonly Lazy<SemdSchemaValidator> XsdLazy = new(() =>
        new SemdSchemaValidator(RepositoryPaths.SharedData, new Dictionary<string, string> { ["147"] = "119" }));

    private static readonly Lazy<MisTranslators> RegistryLazy = new(() => new MisTranslators(MisSamples.Profile));

    /// <summary>Every MIS sample (<c>Samples/Documents/Json/*.json</c>, <c>Samples/Documents/Csv/*.csv</c>), as (format, file name).</summary>
    public static IEnumerable<object[]> MisSampleFiles =>
        new[] { ("json", "Json", "*.json"), ("csv", "Csv", "*.csv") }
            .SelectMany(s => Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "Documents", s.Item2), s.Item3)
                .Where(f => Path.GetFileName(f) != "profile.json")
                .Order(StringComparer.Ordinal)
                .Select(f => new object[] { s.Item1, s.Item2 + "/" + Path.GetFileName(f) }));

    [TestMethod]
    [DynamicData(nameof(MisSampleFiles))]
    public void GivenAnMisSample_WhenTranslatedThroughTheRegistryAndToSemd_ThenNoProblemsAndXsdValid(string format, string relative)
    {
        var kind = KindOf(relative);
        var translator = RegistryLazy.Value.For(format, kind);
        Assert.IsNotNull(translator, $"no {format} translator for kind {kind}");

        var result = translator.Translate(MisSamples.Read(relative));

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));
        Assert.IsNotEmpty(result.Documents);
        foreach (var bundle in result.Documents)
        {
            var fhir = Encoding.UTF8.GetBytes(MisSamples.ToJson(bundle));
            Assert.AreEqual(kind, FhirToSemdTranslators.KindOf(fhir));
            var semd = SemdLazy.Value.Translate(fhir);
            Assert.IsTrue(semd.Succeeded, string.Join("\n", semd.Problems));
            var problems = XsdLazy.Value.Validate(kind, semd.Semd!);
            Assert.IsEmpty(problems, string.Join("\n", problems));
        }
    }

    [TestMethod]
    public void GivenTheRegistry_WhenListed_ThenEveryJsonKindAndBothCsvExportsAreSupported()
    {
        var supported = RegistryLazy.Value.Supported.ToList();

        CollectionAssert.AreEquivalent(new[] { "80", "83", "119", "121", "122", "141", "147", "148", "174", "186", "43" },
            supported.Where(s => s.Format == MisTranslators.Json).Select(s => s.Kind).ToArray());
        CollectionAssert.AreEqual(new[] { "148", "186" }, supported.Where(s => s.Format == MisTranslators.Csv).Select(s => s.Kind).ToArray());
        foreach (var (format, kind) in supported)
        {
            var translator = RegistryLazy.Value.For(format, kind)!;
            Assert.AreEqual(kind, translator.Kind);
            Assert.AreEqual(format, translator.Format);
        }
    }

    [TestMethod]
    [DataRow("csv", "119")]
    [DataRow("xml", "186")]
    [DataRow("json", "999")]
    public void GivenAnUnsupportedPair_WhenLookedUp_ThenNull(string format, string kind)
    {
        Assert.IsNull(RegistryLazy.Value.For(format, kind));
    }

    [TestMethod]
    public void GivenALaboratoryCsvGivenToThePrescriptionsTranslator_WhenTranslated_ThenWrongHeaderAndNoBundle()
    {
        var result = RegistryLazy.Value.For("csv", "148")!.Translate(MisSamples.Read("Csv/Laboratory-186-01.csv"));

        Assert.IsEmpty(result.Documents);
        Assert.IsTrue(result.Problems.Any(p => p.Code is MisErrorCodes.WrongHeader or MisErrorCodes.MissingColumn), string.Join("\n", result.Problems));
    }

    private static string KindOf(string relative)
    {
        var match = SampleName().Match(Path.GetFileName(relative));
        Assert.IsTrue(match.Success, relative + " is not named Type-KIND-NN");
        return match.Groups["kind"].Value;
    }

    [GeneratedRegex(@"^[A-Za-z]+-(?<kind>[0-9]+)-[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex SampleName();
}
