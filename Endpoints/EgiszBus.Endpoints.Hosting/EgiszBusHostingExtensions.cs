using EgiszBus.Endpoints.Hosting.Internals;
using EgiszBus.Endpoints.Hosting.Storage;
using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Rebus.Bus;

namespace EgiszBus.Endpoints.Hosting;

/// <summary>Registers the bus storage and endpoints of an EgiszBus process.</summary>
public static class EgiszBusHostingExtensions
{
    /// <summary>Service key of the PostgreSQL data source the stores use.</summary>
    public const string DataSourceKey = "egiszbus";

    /// <summary>
    /// Registers <see cref="IDocumentStore"/> and <see cref="IDocumentStatusStore"/> for <see cref="BusOptions.Transport"/>
    /// (embedded: <c>{DataDirectory}/documents/</c> and <c>{DataDirectory}/status.db</c>; PostgreSQL: tables
    /// <c>egiszbus_documents</c> and <c>egiszbus_document_status</c>), created when the host starts.
    /// </summary>
    public static IServiceCollection AddEgiszBusStorage(this IServiceCollection services, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddBusInfrastructure(services, options);
        if (options.Transport == TransportKind.PostgreSql)
        {
            services.TryAddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(BusConfiguration.PostgreSqlConnectionString(options)));
            services.TryAddSingleton<IDocumentStore>(p => new PostgreSqlDocumentStore(
                p.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), p.GetService<TimeProvider>()));
            services.TryAddSingleton<IDocumentStatusStore>(p => new PostgreSqlDocumentStatusStore(
                p.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey)));
        }
        else
        {
            services.TryAddSingleton<IDocumentStore>(_ => new FileSystemDocumentStore(Path.Combine(options.DataDirectoryFullPath, "documents")));
            services.TryAddSingleton<IDocumentStatusStore>(_ => new SqliteDocumentStatusStore(Path.Combine(options.DataDirectoryFullPath, "status.db")));
        }

        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>
    /// Hosts one logical endpoint: its own Rebus bus on input queue <see cref="EndpointDefinition.Name"/>, its own
    /// container with its handlers (host singletons forwarded: options, stores, <see cref="TimeProvider"/>, logging,
    /// <see cref="IHttpClientFactory"/>, configuration), subscriptions made at start. Its running bus is available
    /// through <see cref="EndpointBusRegistry"/> and as a keyed <see cref="IBus"/> (key = endpoint name).
    /// </summary>
    public static IServiceCollection AddEgiszBusEndpoint(this IServiceCollection services, BusOptions options, EndpointDefinition endpoint)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint.Name);
        if (endpoint.Name == BusConfiguration.ErrorQueue || endpoint.Name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"Endpoint name '{endpoint.Name}' must be lowercase letters, digits, '-', '_' or '.', and not '{BusConfiguration.ErrorQueue}'", nameof(endpoint));
        }

        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IBus) && Equals(d.ServiceKey, endpoint.Name)))
        {
            throw new InvalidOperationException($"Endpoint '{endpoint.Name}' is added twice");
        }

        BusConfiguration.WireNamesOf(endpoint);
        AddBusInfrastructure(services, options);
        services.AddSingleton<IHostedService>(p => new EndpointHost(p, options, endpoint, p.GetRequiredService<EndpointBusRegistry>()));
        services.AddKeyedTransient<IBus>(endpoint.Name, (p, _) => p.GetRequiredService<EndpointBusRegistry>().Get(endpoint.Name));
        return services;
    }

    private static void AddBusInfrastructure(IServiceCollection services, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EndpointBusRegistry>();
        if (options.Transport == TransportKind.Embedded)
        {
            services.TryAddSingleton(_ => new SqliteBusDatabase(Path.Combine(options.DataDirectoryFullPath, "bus.db"), options.EmbeddedDurableCommits));
        }
    }
}
