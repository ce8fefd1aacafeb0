using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rebus.Config;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>Builds and starts a real host with the given endpoints (no logging providers: quiet test output).</summary>
public static class TestBus
{
    public static EndpointDefinition Endpoint(string name, Action<IServiceCollection> handlers, params Type[] subscriptions) =>
        new(name, (services, host) =>
        {
            services.AddSingleton(host.GetRequiredService<Probe>());
            services.AddSingleton(new EndpointIdentity(name));
            handlers(services);
        })
        {
            Subscriptions = subscriptions,
            ExtraWireNames = TestWireNames.All,
        };

    public static Task<IHost> StartAsync(BusOptions options, Probe probe, params EndpointDefinition[] endpoints) =>
        StartAsync(options, probe, log: null, endpoints);

    /// <summary>As above; with <paramref name="log"/>, every log entry of the buses (Rebus logs through Microsoft.Extensions.Logging) is kept there.</summary>
    public static async Task<IHost> StartAsync(BusOptions options, Probe probe, CapturedLog? log, params EndpointDefinition[] endpoints)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (log is not null)
        {
            builder.Services.AddLogging(l => l.AddProvider(log).SetMinimumLevel(LogLevel.Debug));
        }

        builder.Services.AddSingleton(probe);
        builder.Services.AddEgiszBusStorage(options);
        foreach (var endpoint in endpoints)
        {
            builder.Services.AddEgiszBusEndpoint(options, endpoint);
        }

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static EndpointBusRegistry Buses(this IHost host) => host.Services.GetRequiredService<EndpointBusRegistry>();

    public static IServiceCollection Handler<T>(this IServiceCollection services)
        where T : class, Rebus.Handlers.IHandleMessages =>
        services.AddRebusHandler<T>();
}
