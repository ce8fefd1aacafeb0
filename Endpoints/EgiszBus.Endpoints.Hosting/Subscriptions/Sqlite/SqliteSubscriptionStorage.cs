using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Rebus.Subscriptions;

namespace EgiszBus.Endpoints.Hosting.Subscriptions.Sqlite;

/// <summary>Centralized Rebus subscription storage in the embedded SQLite database.</summary>
public sealed class SqliteSubscriptionStorage(SqliteBusDatabase database) : ISubscriptionStorage
{
    /// <inheritdoc />
    public bool IsCentralized => true;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetSubscriberAddresses(string topic)
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT address FROM egb_subscriptions WHERE topic = $topic ORDER BY address";
        command.Parameters.AddWithValue("$topic", topic);
        var addresses = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }

    /// <inheritdoc />
    public async Task RegisterSubscriber(string topic, string subscriberAddress)
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO egb_subscriptions (topic, address) VALUES ($topic, $address) ON CONFLICT DO NOTHING";
        command.Parameters.AddWithValue("$topic", topic);
        command.Parameters.AddWithValue("$address", subscriberAddress);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public async Task UnregisterSubscriber(string topic, string subscriberAddress)
    {
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM egb_subscriptions WHERE topic = $topic AND address = $address";
        command.Parameters.AddWithValue("$topic", topic);
        command.Parameters.AddWithValue("$address", subscriberAddress);
        command.ExecuteNonQuery();
    }
}
