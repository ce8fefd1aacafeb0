using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EgiszBus.Adapters.Signatures;

namespace EgiszBus.Host.Demo;

/// <summary>
/// Plays a clinic's MIS against the gateway, the way a real one integrates: it asks the hub for the SEMD rendering
/// of its FHIR Bundle (<c>POST /api/v1/documents/$semd</c>), has the doctor sign exactly those bytes (detached CMS,
/// GOST R 34.10-2012, test keys from <c>Samples/Pki</c>), puts the signature into <c>Bundle.signature</c> and submits.
/// </summary>
public sealed class SampleMis(HttpClient http, string pkiDirectory)
{
    /// <summary>The FHIR media type the gateway accepts.</summary>
    public const string FhirJson = "application/fhir+json";

    private const string SnilsSystem = "urn:oid:1.2.643.100.3";
    private readonly Dictionary<string, CmsDocumentSigner> signers = new(StringComparer.Ordinal);

    /// <summary>Renders, signs and submits one Bundle; returns the document id the gateway assigned.</summary>
    public async Task<Guid> SubmitAsync(string bundleJson, CancellationToken cancellationToken = default)
    {
        var signed = await SignAsync(bundleJson, cancellationToken);
        using var content = new StringContent(signed, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson) { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/v1/documents", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"gateway answered {(int)response.StatusCode}: {body}");
        }

        using var answer = JsonDocument.Parse(body);
        return answer.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Adds the author's detached CMS signature over the hub's SEMD rendering to <c>Bundle.signature</c>.</summary>
    public Task<string> SignAsync(string bundleJson, CancellationToken cancellationToken = default) =>
        SignAsync(bundleJson, signerSnils: null, cancellationToken);

    /// <summary>
    /// Like <see cref="SignAsync(string, CancellationToken)"/>, but signed with the test key of <paramref name="signerSnils"/>
    /// (11 digits) instead of the author's — to show what the hub does with a signature by someone else.
    /// </summary>
    public async Task<string> SignAsync(string bundleJson, string? signerSnils, CancellationToken cancellationToken = default)
    {
        var bundle = JsonNode.Parse(bundleJson)?.AsObject() ?? throw new ArgumentException("not a JSON object", nameof(bundleJson));
        bundle.Remove("signature");
        var unsigned = bundle.ToJsonString();

        using var content = new StringContent(unsigned, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson) { CharSet = "utf-8" };
        using var response = await http.PostAsync("api/v1/documents/$semd", content, cancellationToken);
        var semd = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"gateway could not render the SEMD ({(int)response.StatusCode}): {Encoding.UTF8.GetString(semd)}");
        }

        var (authorReference, snils) = FindAuthor(bundle);
        var signature = SignerFor(signerSnils ?? snils).SignDetached(semd);
        bundle["signature"] = new JsonObject
        {
            ["type"] = new JsonArray(new JsonObject
            {
                ["system"] = "urn:iso-astm:E1762-95:2013",
                ["code"] = "1.2.840.10065.1.12.1.1",
                ["display"] = "Author's Signature",
            }),
            ["when"] = bundle["timestamp"]?.GetValue<string>() ?? DateTimeOffset.UtcNow.ToString("O"),
            ["who"] = new JsonObject { ["reference"] = authorReference },
            ["targetFormat"] = "application/xml",
            ["sigFormat"] = "application/pkcs7-signature",
            ["data"] = Convert.ToBase64String(signature),
        };
        return bundle.ToJsonString();
    }

    /// <summary>Reads the document's status from the gateway.</summary>
    public async Task<JsonElement> GetStatusAsync(Guid id, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<JsonElement>($"api/v1/documents/{id}", cancellationToken);

    private CmsDocumentSigner SignerFor(string snils)
    {
        if (!signers.TryGetValue(snils, out var signer))
        {
            var certificate = Path.Combine(pkiDirectory, "doctors", snils + ".pem");
            var key = Path.Combine(pkiDirectory, "doctors", snils + ".key.pem");
            if (!File.Exists(certificate) || !File.Exists(key))
            {
                throw new InvalidOperationException($"no test key for the document's author in {pkiDirectory}/doctors");
            }

            signer = CmsDocumentSigner.FromPemFiles(certificate, key);
            signers[snils] = signer;
        }

        return signer;
    }

    private static (string Reference, string Snils) FindAuthor(JsonObject bundle)
    {
        var entries = bundle["entry"]?.AsArray() ?? throw new InvalidOperationException("Bundle has no entries");
        var composition = entries[0]?["resource"] ?? throw new InvalidOperationException("Bundle has no Composition");
        var authorReference = composition["author"]?[0]?["reference"]?.GetValue<string>()
            ?? throw new InvalidOperationException("Composition has no author");

        JsonNode? Resolve(string reference) => entries.FirstOrDefault(e =>
            e?["fullUrl"]?.GetValue<string>() == reference
            || $"{e?["resource"]?["resourceType"]}/{e?["resource"]?["id"]}" == reference)?["resource"];

        var author = Resolve(authorReference) ?? throw new InvalidOperationException("author reference does not resolve");
        if (author["resourceType"]?.GetValue<string>() == "PractitionerRole")
        {
            var practitionerReference = author["practitioner"]?["reference"]?.GetValue<string>()
                ?? throw new InvalidOperationException("PractitionerRole has no practitioner");
            author = Resolve(practitionerReference) ?? throw new InvalidOperationException("practitioner reference does not resolve");
        }

        var snils = author["identifier"]?.AsArray()
            .FirstOrDefault(i => i?["system"]?.GetValue<string>() == SnilsSystem)?["value"]?.GetValue<string>()
            ?? throw new InvalidOperationException("author has no SNILS");
        return (authorReference, new string(snils.Where(char.IsDigit).ToArray()));
    }
}
