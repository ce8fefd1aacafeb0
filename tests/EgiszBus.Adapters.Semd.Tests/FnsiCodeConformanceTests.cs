using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>
/// What REMD checks on registration (INVALID_ELEMENT_VALUE_CODE / _NAME / INVALID_DICTIONARY_VERSION), for every kind: each FHIR
/// sample translated through the registry, and each golden file, passes <see cref="SemdCodeChecker"/> against the shared FNSI
/// snapshots on the document's date.
/// </summary>
[TestClass]
public sealed class FnsiCodeConformanceTests
{
    public static IEnumerable<object[]> FhirSamples =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir"), "*.json").Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetFileName(path) });

    public static IEnumerable<object[]> GoldenFiles =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden"), "*.xml").Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetFileName(path) });

    [TestMethod]
    [DynamicData(nameof(FhirSamples))]
    public void GivenAFhirSample_WhenTranslated_ThenEveryHeldCodeIsInTheFnsiVersionInForce(string sample)
    {
        var result = new FhirToSemdTranslators(Samples186.Catalog).Translate(File.ReadAllBytes(Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", sample)));
        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Problems));

        var problems = new SemdCodeChecker(Samples186.Catalog).Check(result.Semd!);

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }

    [TestMethod]
    [DynamicData(nameof(GoldenFiles))]
    public void GivenAGoldenFile_WhenChecked_ThenEveryHeldCodeIsInTheFnsiVersionInForce(string golden)
    {
        var problems = new SemdCodeChecker(Samples186.Catalog).Check(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "EgiszBus.Adapters.Semd.Tests", "Golden", golden)));

        Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
    }
}
