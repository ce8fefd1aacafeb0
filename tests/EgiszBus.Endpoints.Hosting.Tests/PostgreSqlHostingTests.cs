using EgiszBus.TestKit;
using Npgsql;
using Rebus.Logging;
using Rebus.PostgreSql;
using Rebus.PostgreSql.Transport;
using Rebus.Threading.TaskParallelLibrary;
using Rebus.Time;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Tests;

[TestClass]
public sealed class PostgreSqlHostingTests : HostingContractTests
{
    // Rebus.PostgreSql computes visibility in whole seconds: a 2 s deferral arrives after 1.0-2.0 s (TESTING.md).
    protected override TimeSpan DeferralEarliness => TimeSpan.FromSeconds(1);

    protected override BusOptions NewOptions() => new()
    {
        Transport = TransportKind.PostgreSql,
        PostgreSqlConnectionString = PostgresCluster.Shared.CreateDatabase("hosting"),
    };

    protected override async Task<long> CountAsync(BusOptions options, string queue)
    {
        await using var connection = new NpgsqlConnection(options.PostgreSqlConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM egiszbus_messages WHERE recipient = $1", connection);
        command.Parameters.AddWithValue(queue);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    protected override ITransport RawTransport(BusOptions options, string queue)
    {
        var logging = new NullLoggerFactory();
        return new PostgreSqlTransport(new PostgresConnectionHelper(options.PostgreSqlConnectionString!), "egiszbus_messages", queue,
            logging, new TplAsyncTaskFactory(logging), new DefaultRebusTime());
    }
}
