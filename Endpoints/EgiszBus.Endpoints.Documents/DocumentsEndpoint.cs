using EgiszBus.Adapters.Semd;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Endpoints.Documents.Handlers;
using EgiszBus.Endpoints.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Rebus.Config;

namespace EgiszBus.Endpoints.Documents;

/// <summary>
/// The <c>documents</c> endpoint: <see cref="SubmitDocumentHandler"/>. The host must register a
/// <see cref="FhirToSemdTranslators"/>, a <see cref="SemdSchemaValidator"/> and a <see cref="CmsSignatureVerifier"/>.
/// </summary>
public static class DocumentsEndpoint
{
    /// <summary>Endpoint and input queue name.</summary>
    public const string Name = "documents";

    /// <summary>The endpoint's definition for the hosting layer.</summary>
    public static EndpointDefinition Definition() => new(Name, static (services, host) =>
    {
        services.AddSingleton(host.GetRequiredService<FhirToSemdTranslators>());
        services.AddSingleton(host.GetRequiredService<SemdSchemaValidator>());
        services.AddSingleton(host.GetRequiredService<CmsSignatureVerifier>());
        services.AddRebusHandler<SubmitDocumentHandler>();
    });
}
