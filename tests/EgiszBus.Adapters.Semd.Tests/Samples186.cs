using EgiszBus.TestKit;

namespace EgiszBus.Adapters.Semd.Tests;

/// <summary>Shared, lazily built test inputs: one NSI catalog and translator per run (the 1080 snapshot is 19 MB).</summary>
internal static class Samples186
{
    private static readonly Lazy<NsiCatalog> CatalogLazy = new(() => new NsiCatalog(RepositoryPaths.SharedData));

    public static NsiCatalog Catalog => CatalogLazy.Value;

    public static LaboratoryFhirToSemdTranslator Translator => new(Catalog);

    public static string PathOf(string number) => Path.Combine(RepositoryPaths.Samples, "Documents", "Fhir", $"Laboratory-186-{number}.json");

    public static byte[] Read(string number) => File.ReadAllBytes(PathOf(number));
}
