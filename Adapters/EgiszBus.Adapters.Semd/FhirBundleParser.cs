using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace EgiszBus.Adapters.Semd;

/// <summary>Parses FHIR R4 JSON into a Bundle, reporting problems with the same codes and locations as the laboratory translator.</summary>
internal static class FhirBundleParser
{
    public const int MaxInputBytes = LaboratoryFhirToSemdTranslator.MaxInputBytes;

    public static JsonObject? ParseJson(ReadOnlyMemory<byte> fhirJson, List<TranslationProblem> problems)
    {
        if (fhirJson.Length > MaxInputBytes)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.MalformedJson, $"Документ больше {MaxInputBytes} байт", null));
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(fhirJson.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : null;
            problems.Add(new TranslationProblem(TranslationErrorCodes.MalformedJson, "Некорректный JSON: " + ex.Message.Split('\n')[0].Trim(), at));
            return null;
        }

        if (node is not JsonObject root || root["resourceType"]?.GetValueKind() != JsonValueKind.String || (string?)root["resourceType"] != "Bundle")
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.NotABundle, "Ожидается ресурс FHIR Bundle", "Bundle.resourceType"));
            return null;
        }

        return root;
    }

    /// <summary>Parses <paramref name="fhirJson"/> and hands the Bundle to <paramref name="translate"/>; without a Bundle, the parse problems.</summary>
    public static SemdTranslation Translate(ReadOnlyMemory<byte> fhirJson, Func<Bundle, List<TranslationProblem>, SemdTranslation> translate)
    {
        var problems = new List<TranslationProblem>();
        return Parse(fhirJson, problems) is { } bundle ? translate(bundle, problems) : new SemdTranslation(false, null, null, problems);
    }

    public static Bundle? Parse(ReadOnlyMemory<byte> fhirJson, List<TranslationProblem> problems)
    {
        if (ParseJson(fhirJson, problems) is not { } root)
        {
            return null;
        }

        if (root["signature"] is JsonObject signature && signature["data"] is { } data
            && (data.GetValueKind() != JsonValueKind.String || !IsBase64((string)data!)))
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.InvalidSignature, "Bundle.signature.data не является base64", "Bundle.signature.data"));
            signature.Remove("data");
        }

        try
        {
            return new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(root.ToJsonString());
        }
        catch (DeserializationFailedException ex)
        {
            problems.Add(new TranslationProblem(TranslationErrorCodes.NotFhir, "Ресурс не соответствует FHIR R4: " + ex.Message.Split('\n')[0].Trim(), "Bundle"));
            return ex.PartialResult as Bundle;
        }
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return value.Length > 0 && Convert.TryFromBase64String(value, buffer, out _);
    }
}
