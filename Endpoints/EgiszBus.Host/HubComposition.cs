using EgiszBus.Adapters.Remd;
using EgiszBus.Adapters.Semd;
using EgiszBus.Adapters.Semd.Schematron;
using EgiszBus.Adapters.Signatures;
using EgiszBus.Endpoints.Documents;
using EgiszBus.Endpoints.Gateway;
using EgiszBus.Endpoints.Gateway.Api;
using EgiszBus.Endpoints.Hosting;
using EgiszBus.Endpoints.Remd;
using EgiszBus.Host.Configuration;
using EgiszBus.Host.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Serilog;

namespace EgiszBus.Host;

/// <summary>
/// Composes one <c>egiszbus</c> process: storage, the chosen logical endpoints, the adapters they use and — when the
/// gateway runs here — its HTTP API on <c>Gateway:Url</c>. The one place to read to see what runs where.
/// </summary>
public static class HubComposition
{
    /// <summary>Every logical endpoint, in start order.</summary>
    public static IReadOnlyList<string> AllEndpoints { get; } = [GatewayEndpoint.Name, DocumentsEndpoint.Name, RemdEndpoint.Name];

    /// <summary>Builds the process for <paramref name="endpoints"/> (names from <see cref="AllEndpoints"/>).</summary>
    public static WebApplication Build(HostSettings settings, IConfiguration configuration, IReadOnlyCollection<string> endpoints,
        Action<IServiceCollection>? overrides = null)
    {
        var unknown = endpoints.Except(AllEndpoints, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationValidationException(
                [new ConfigurationProblem("--endpoints", $"unknown endpoint(s) {string.Join(", ", unknown)}; known: all, {string.Join(", ", AllEndpoints)}")]);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseUrls(endpoints.Contains(GatewayEndpoint.Name) ? settings.Gateway.Url : "http://127.0.0.1:0");
        builder.Services.AddSerilog((_, logger) => LoggingSetup.Configure(logger, configuration, settings.Bus.DataDirectoryFullPath), writeToProviders: false);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddEgiszBusStorage(settings.Bus);
        AddAdapters(services, settings);
        services.AddSingleton<ICommandSender>(p => new EndpointCommandSender(p.GetRequiredService<EndpointBusRegistry>(), GatewayEndpoint.Name));

        foreach (var name in AllEndpoints.Where(endpoints.Contains))
        {
            services.AddEgiszBusEndpoint(settings.Bus, name switch
            {
                GatewayEndpoint.Name => GatewayEndpoint.Definition(),
                DocumentsEndpoint.Name => DocumentsEndpoint.Definition(),
                _ => RemdEndpoint.Definition(),
            });
        }

        overrides?.Invoke(services);
        var app = builder.Build();
        if (endpoints.Contains(GatewayEndpoint.Name))
        {
            app.MapGatewayApi();
        }

        return app;
    }

    /// <summary>
    /// A kind folder that holds another kind's official rules (the public <c>semd/147</c> holds kind 142's) most likely holds that
    /// kind's XSD too, which refuses every document of the hub's kind: say so once at start, with the setting that helps.
    /// </summary>
    private static void WarnAboutForeignRules(string referenceData, IReadOnlyDictionary<string, string> schemaFolders, IEnumerable<string> kinds, Microsoft.Extensions.Logging.ILogger logger)
    {
        var rules = new SchematronValidator(referenceData);
        foreach (var kind in kinds.Order(StringComparer.Ordinal))
        {
            if (rules.ForeignTemplateIds(kind) is { Count: > 0 } foreign)
            {
                logger.LogWarning(
                    "Reference data: semd/{Kind} holds the official rules of another kind (templateId {TemplateIds}); XSD checks of kind {Kind} use folder {Folder}. Install the Ministry's package for kind {Kind}{Hint}",
                    kind, string.Join(", ", foreign), kind, schemaFolders.GetValueOrDefault(kind) ?? kind, kind,
                    schemaFolders.ContainsKey(kind) ? string.Empty : $" or set ReferenceData:SchemaFolders:{kind} to a folder with the base CDA schema (e.g. 119)");
            }
        }
    }

    private static void AddAdapters(IServiceCollection services, HostSettings settings)
    {
        var referenceData = settings.ReferenceData.Path
            ?? throw new ConfigurationValidationException([new ConfigurationProblem("ReferenceData:Path", "is required")]);

        // Factories: each adapter is built on first use, so a process without the documents endpoint needs no trust store.
        services.AddSingleton(_ => new NsiCatalog(referenceData));
        services.AddSingleton(p => new FhirToSemdTranslators(p.GetRequiredService<NsiCatalog>()));
        services.AddSingleton(p =>
        {
            WarnAboutForeignRules(referenceData, settings.ReferenceData.SchemaFolders, p.GetRequiredService<FhirToSemdTranslators>().Kinds,
                p.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("EgiszBus.ReferenceData"));
            return new SemdSchemaValidator(referenceData, settings.ReferenceData.SchemaFolders);
        });
        services.AddSingleton(p => new CmsSignatureVerifier(
            TrustStore.Load(settings.Trust.CaCertificates, settings.Trust.Crls), new CmsVerificationOptions(), p.GetRequiredService<TimeProvider>()));

        var remd = settings.Remd;
        services.AddSingleton<IRemdClient>(p => new RemdSoapClient(
            p.GetRequiredService<IHttpClientFactory>().CreateClient("remd"),
            new RemdClientOptions
            {
                ServiceUri = new Uri(remd.ServiceUrl ?? throw new ConfigurationValidationException(
                    [new ConfigurationProblem("Remd:ServiceUrl", "is required when the remd endpoint runs")])),
                ClientEntityId = (remd.ClientEntityId ?? Guid.Empty).ToString(),
                Timeout = remd.RequestTimeout,
                CallbackUri = remd.CallbackUrl is null ? null : new Uri(remd.CallbackUrl),
            },
            p.GetRequiredService<TimeProvider>(),
            // Outgoing REMD requests carry a WS-Security signature with the organisation's key when one is configured.
            settings.Signing.IsConfigured
                ? WsSecuritySoapEnvelopeSigner.FromPemFiles(settings.Signing.CertificatePath!, settings.Signing.PrivateKeyPath!)
                : null));
        services.AddSingleton(new RemdRegistrationOptions
        {
            InitialDelay = remd.Retry.InitialDelay,
            Factor = remd.Retry.Factor,
            MaxDelay = remd.Retry.MaxDelay,
            Deadline = remd.Retry.Deadline,
            CallbackTimeout = remd.CallbackTimeout,
        });
    }
}
