using EgiszBus.Endpoints.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rebus.Bus;
using Rebus.Config;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>
/// Runs one endpoint's bus in its own service container (its handlers only), with the host's shared singletons
/// forwarded into it as instances (the endpoint container never disposes them).
/// </summary>
internal sealed class EndpointHost(IServiceProvider host, BusOptions options, EndpointDefinition endpoint, EndpointBusRegistry registry)
    : IHostedService, IAsyncDisposable
{
    private static readonly Type[] ForwardedTypes =
    [
        typeof(BusOptions), typeof(TimeProvider), typeof(IDocumentStore), typeof(IDocumentStatusStore), typeof(EndpointBusRegistry),
        typeof(IHttpClientFactory), typeof(IConfiguration), typeof(IHostEnvironment),
    ];

    private readonly Stack<IHostedService> started = new();
    private ServiceProvider? provider;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(host.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        services.AddLogging();
        foreach (var type in ForwardedTypes)
        {
            if (host.GetService(type) is { } instance)
            {
                services.AddSingleton(type, instance);
            }
        }

        endpoint.ConfigureServices(services, host);
        services.AddRebus(
            (configurer, _) => BusConfiguration.Configure(configurer, options, endpoint, host),
            onCreated: async bus =>
            {
                foreach (var eventType in endpoint.Subscriptions)
                {
                    await bus.Subscribe(eventType).ConfigureAwait(false);
                }
            },
            isDefaultBus: true);

        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
            started.Push(hosted);
        }

        registry.Add(endpoint.Name, provider.GetRequiredService<IBus>());
        provider.GetRequiredService<ILoggerFactory>().CreateLogger<EndpointHost>()
            .LogInformation("Endpoint {Endpoint} started on {Transport}", endpoint.Name, options.Transport);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.Remove(endpoint.Name);
        while (started.TryPop(out var hosted))
        {
            await hosted.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        var current = Interlocked.Exchange(ref provider, null);
        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }
}
