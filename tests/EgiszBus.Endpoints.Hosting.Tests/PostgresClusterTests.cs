using EgiszBus.TestKit;
using Npgsql;

namespace EgiszBus.Endpoints.Hosting.Tests;

[TestClass]
public sealed class PostgresClusterTests
{
    [TestMethod]
    public void GivenTheSharedCluster_WhenADatabaseIsCreated_ThenItAnswersQueries()
    {
        var connectionString = PostgresCluster.Shared.CreateDatabase("smoke");
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("select current_database()", connection);
        var name = (string?)command.ExecuteScalar();
        StringAssert.StartsWith(name, "smoke_");
    }
}
