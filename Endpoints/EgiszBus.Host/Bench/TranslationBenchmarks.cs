using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EgiszBus.Adapters.Semd;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Host.Bench;

/// <summary>
/// Translation speed per document and core: FHIR → SEMD (parse, validate, NSI look-ups, render) and SEMD → FHIR
/// (secure XML read, header and sections to a Bundle, serialise), next to the baseline of plain Firely work on the same
/// Bundle — System.Text.Json parse into R4 POCOs and serialise back. One sample per document kind (laboratory protocol,
/// discharge summary when its sample exists).
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private static readonly JsonSerializerOptions FhirJson = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private byte[] fhir = [];
    private byte[] semd = [];
    private FhirToSemdTranslators translators = null!;
    private SemdToFhirTranslator reader = null!;

    /// <summary>The repository's <c>Samples/Documents/Fhir</c> and the reference data root; set before the run, else found upwards.</summary>
    public static (string Samples, string ReferenceData)? Folders { get; set; }

    /// <summary>The sample file (without <c>.json</c>) under test.</summary>
    [ParamsSource(nameof(SampleNames))]
    public string Sample { get; set; } = "";

    /// <summary>The samples measured: the laboratory protocol and, when present, the discharge summary.</summary>
    public static IEnumerable<string> SampleNames()
    {
        var (samples, _) = Folders ?? FindFolders();
        return new[] { "Laboratory-186-01", "DischargeSummary-147-01" }.Where(name => File.Exists(Path.Combine(samples, name + ".json")));
    }

    /// <summary>Loads the sample, renders its SEMD once and checks every direction succeeds.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var (samples, referenceData) = Folders ?? FindFolders();
        var nsi = new NsiCatalog(referenceData);
        translators = new FhirToSemdTranslators(nsi);
        reader = new SemdToFhirTranslator(nsi);
        fhir = File.ReadAllBytes(Path.Combine(samples, Sample + ".json"));
        var translation = translators.Translate(fhir);
        semd = translation.Semd ?? throw new InvalidOperationException($"{Sample}: {string.Join("; ", translation.Problems)}");
        if (!reader.Translate(semd).Succeeded)
        {
            throw new InvalidOperationException($"{Sample}: SEMD → FHIR failed");
        }
    }

    /// <summary>Baseline: Firely parse of the Bundle JSON into POCOs and serialisation back to JSON.</summary>
    [Benchmark(Baseline = true)]
    public byte[] FirelyParseAndSerialise() =>
        JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<Bundle>(fhir, FhirJson), FhirJson);

    /// <summary>FHIR Bundle → SEMD bytes.</summary>
    [Benchmark]
    public byte[]? FhirToSemd() => translators.Translate(fhir).Semd;

    /// <summary>SEMD bytes → FHIR Bundle JSON.</summary>
    [Benchmark]
    public byte[]? SemdToFhir() => reader.Translate(semd).FhirJson;

    private static (string Samples, string ReferenceData) FindFolders()
    {
        var repository = Configuration.HostConfiguration.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? Configuration.HostConfiguration.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("the repository (EgiszBus.sln) was not found: set TranslationBenchmarks.Folders");
        return (Path.Combine(repository, "Samples", "Documents", "Fhir"), Path.GetFullPath(Path.Combine(repository, "..", "shared", "data")));
    }
}
