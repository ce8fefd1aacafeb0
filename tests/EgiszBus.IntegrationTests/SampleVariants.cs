using System.Text.Json.Nodes;

namespace EgiszBus.IntegrationTests;

/// <summary>Makes variants of the sample Bundles: new document instances, broken inputs.</summary>
public static class SampleVariants
{
    /// <summary>
    /// A new document instance: another <c>Bundle.identifier.value</c> and <c>Bundle.id</c> (so another localUid),
    /// same content otherwise.
    /// </summary>
    public static string WithDocumentNumber(string bundleJson, int number)
    {
        var bundle = JsonNode.Parse(bundleJson)!.AsObject();
        bundle["identifier"]!["value"] = $"9{number:D7}";
        bundle["id"] = Guid.NewGuid().ToString();
        return bundle.ToJsonString();
    }

    /// <summary>Applies <paramref name="change"/> to the parsed Bundle.</summary>
    public static string Change(string bundleJson, Action<JsonObject> change)
    {
        var bundle = JsonNode.Parse(bundleJson)!.AsObject();
        change(bundle);
        return bundle.ToJsonString();
    }

    /// <summary>The first resource of <paramref name="resourceType"/> in the Bundle.</summary>
    public static JsonObject Resource(JsonObject bundle, string resourceType) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject())
            .First(r => r["resourceType"]!.GetValue<string>() == resourceType);
}
