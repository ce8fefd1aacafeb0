using EgiszBus.Contracts;
using EgiszBus.Endpoints.Hosting.Sagas.Sqlite;
using EgiszBus.Endpoints.Hosting.Subscriptions.Sqlite;
using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Rebus.Backoff;
using Rebus.Config;
using Rebus.Pipeline;
using Rebus.Pipeline.Receive;
using Rebus.Logging;
using Rebus.Retry;
using Rebus.Retry.Simple;
using Rebus.Sagas.Idempotent;
using Rebus.Serialization.Custom;
using Rebus.Timeouts;
using Rebus.Topic;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>The setup every endpoint's bus shares: transport, storage, routing, wire names, retries.</summary>
internal static class BusConfiguration
{
    public const string ErrorQueue = "error";

    public static RebusConfigurer Configure(RebusConfigurer configurer, BusOptions options, EndpointDefinition endpoint, IServiceProvider host)
    {
        var wireNames = WireNamesOf(endpoint);
        var time = host.GetService<TimeProvider>() ?? TimeProvider.System;
        configurer = options.Transport switch
        {
            TransportKind.Embedded => ConfigureEmbedded(configurer, host.GetRequiredService<SqliteBusDatabase>(), options, endpoint.Name, time),
            TransportKind.PostgreSql => ConfigurePostgreSql(configurer, PostgreSqlConnectionString(options), endpoint.Name),
            _ => throw new InvalidOperationException($"Unknown Bus:Transport {options.Transport}"),
        };

        configurer
            .Routing(r => MessageRouting.Apply(r))
            .Serialization(s =>
            {
                // No fallback: a type without a wire name fails loudly on send and on receive.
                var names = s.UseCustomMessageTypeNames();
                foreach (var (type, name) in wireNames)
                {
                    names.AddWithCustomName(type, name);
                }
            })
            .Options(o =>
            {
                o.SetNumberOfWorkers(options.Workers);
                o.SetMaxParallelism(options.MaxParallelism);
                o.SetBackoffTimes(options.IdleBackoffTimes());
                // NextDelivery: a failed attempt rolls back (its sends never leave); the message moves to the error
                // queue on the delivery after the last attempt, without running the handler again.
                o.RetryStrategy(errorQueueName: ErrorQueue, maxDeliveryAttempts: options.MaxDeliveryAttempts,
                    errorHandlerMode: ErrorHandlerMode.NextDelivery);
                o.Register<ITopicNameConvention>(_ => new WireNameTopicConvention(wireNames));
                o.Register<IExceptionLogger>(c => new SagaRaceAwareExceptionLogger(c.Get<IRebusLoggerFactory>()));

                // Saga data and outgoing messages are not committed in one transaction (neither transport shares its
                // transaction with its saga storage): a crash between the two leaves a saved saga whose messages never left.
                // Sagas derived from IdempotentSaga keep each handled message's outgoing messages in their data and re-send
                // them when that message is delivered again (sagas of other kinds are not affected).
                o.EnableIdempotentSagas();
            });

        endpoint.ConfigureRebus?.Invoke(configurer);
        return configurer;
    }

    public static IReadOnlyDictionary<Type, string> WireNamesOf(EndpointDefinition endpoint)
    {
        var names = new Dictionary<Type, string>(WireNames.All);
        foreach (var (type, name) in endpoint.ExtraWireNames)
        {
            if (!names.TryAdd(type, name) && names[type] != name)
            {
                throw new InvalidOperationException($"Endpoint '{endpoint.Name}' gives {type} the wire name '{name}', but it already has '{names[type]}'");
            }
        }

        var duplicate = names.GroupBy(p => p.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Wire name '{duplicate.Key}' is used by more than one type: {string.Join(", ", duplicate.Select(p => p.Key))}");
        }

        return names;
    }

    /// <summary>The connection string with <c>Maximum Pool Size</c> 30 unless the operator chose one.</summary>
    public static string PostgreSqlConnectionString(BusOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.PostgreSqlConnectionString);
        if (!options.PostgreSqlConnectionString!.Contains("Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = 30;
        }

        return builder.ConnectionString;
    }

    private static RebusConfigurer ConfigureEmbedded(RebusConfigurer configurer, SqliteBusDatabase database, BusOptions options, string queue, TimeProvider time) =>
        configurer
            .Transport(t =>
            {
                t.Register(_ => new SqliteTransport(database, queue, TimeSpan.FromSeconds(options.EmbeddedLeaseSeconds), time));
                t.OtherService<ITimeoutManager>().Register(_ => new NativeDeferralTimeoutManager());
                t.OtherService<IPipeline>().Decorate(c => new PipelineStepRemover(c.Get<IPipeline>())
                    .RemoveIncomingStep(s => s.GetType() == typeof(HandleDeferredMessagesStep)));
            })
            .Sagas(s => s.Register(_ => new SqliteSagaStorage(database)))
            .Subscriptions(s => s.Register(_ => new SqliteSubscriptionStorage(database)));

    private static RebusConfigurer ConfigurePostgreSql(RebusConfigurer configurer, string connectionString, string queue) =>
        configurer
            .Transport(t =>
            {
                t.UsePostgreSql(connectionString, PostgreSqlTables.Messages, queue);
                t.Decorate(c =>
                {
                    var transport = c.Get<ITransport>();
                    PostgreSqlTables.EnsureMessageIdIndex(connectionString);
                    return transport;
                });
            })
            .Sagas(s => s.StoreInPostgres(connectionString, PostgreSqlTables.Sagas, PostgreSqlTables.SagaIndex))
            .Subscriptions(s => s.StoreInPostgres(connectionString, PostgreSqlTables.Subscriptions, isCentralized: true));
}
