using System.Globalization;
using System.Text.Json;
using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Microsoft.Data.Sqlite;
using Rebus.Exceptions;
using Rebus.Sagas;

namespace EgiszBus.Endpoints.Hosting.Sagas.Sqlite;

/// <summary>
/// Rebus saga storage in the embedded SQLite database: saga data as JSON with optimistic concurrency by revision
/// (a stale update or delete throws <see cref="ConcurrencyException"/>), correlation through a unique index table.
/// Two messages racing to create the same saga: the loser's insert hits the unique index and throws
/// <see cref="ConcurrencyException"/>, so Rebus retries it and the retry finds the saga.
/// </summary>
public sealed class SqliteSagaStorage(SqliteBusDatabase database) : ISagaStorage
{
    private const int SqliteConstraint = 19;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new IdempotencyDataJsonConverter() } };

    /// <inheritdoc />
    public async Task<ISagaData> Find(Type sagaDataType, string propertyName, object propertyValue)
    {
        ArgumentNullException.ThrowIfNull(sagaDataType);
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var command = connection.CreateCommand();
        if (propertyName == nameof(ISagaData.Id))
        {
            command.CommandText = "SELECT data FROM egb_sagas WHERE id = $id AND saga_type = $type";
            command.Parameters.AddWithValue("$id", ToText(propertyValue));
        }
        else
        {
            command.CommandText = """
                SELECT s.data FROM egb_saga_index i JOIN egb_sagas s ON s.id = i.saga_id
                WHERE i.saga_type = $type AND i.key = $key AND i.value = $value
                """;
            command.Parameters.AddWithValue("$key", propertyName);
            command.Parameters.AddWithValue("$value", ToText(propertyValue));
        }

        command.Parameters.AddWithValue("$type", TypeName(sagaDataType));
        var json = (string?)command.ExecuteScalar();
        return json is null ? null! : (ISagaData)JsonSerializer.Deserialize(json, sagaDataType, Json)!;
    }

    /// <inheritdoc />
    public async Task Insert(ISagaData sagaData, IEnumerable<ISagaCorrelationProperty> correlationProperties)
    {
        ArgumentNullException.ThrowIfNull(sagaData);
        if (sagaData.Id == Guid.Empty)
        {
            throw new InvalidOperationException($"Saga data {sagaData.GetType()} has an empty id");
        }

        if (sagaData.Revision != 0)
        {
            throw new InvalidOperationException($"Saga data {sagaData.GetType()} with id {sagaData.Id} is inserted with revision {sagaData.Revision}; expected 0");
        }

        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var transaction = connection.BeginTransaction();
        try
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO egb_sagas (id, saga_type, revision, data) VALUES ($id, $type, 0, $data)";
                command.Parameters.AddWithValue("$id", ToText(sagaData.Id));
                command.Parameters.AddWithValue("$type", TypeName(sagaData.GetType()));
                command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(sagaData, sagaData.GetType(), Json));
                command.ExecuteNonQuery();
            }

            WriteIndex(connection, transaction, sagaData, correlationProperties);
            transaction.Commit();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            throw new ConcurrencyException(exception,
                $"Saga data {sagaData.GetType()} with id {sagaData.Id} conflicts with an existing saga (same id or correlation value)");
        }
    }

    /// <inheritdoc />
    public async Task Update(ISagaData sagaData, IEnumerable<ISagaCorrelationProperty> correlationProperties)
    {
        ArgumentNullException.ThrowIfNull(sagaData);
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var transaction = connection.BeginTransaction();
        var revision = sagaData.Revision;
        sagaData.Revision = revision + 1;
        try
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "UPDATE egb_sagas SET revision = $next, data = $data WHERE id = $id AND revision = $revision";
                command.Parameters.AddWithValue("$id", ToText(sagaData.Id));
                command.Parameters.AddWithValue("$revision", revision);
                command.Parameters.AddWithValue("$next", revision + 1);
                command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(sagaData, sagaData.GetType(), Json));
                if (command.ExecuteNonQuery() != 1)
                {
                    throw new ConcurrencyException($"Saga data {sagaData.GetType()} with id {sagaData.Id} was changed or deleted since revision {revision}");
                }
            }

            DeleteIndex(connection, transaction, sagaData.Id);
            WriteIndex(connection, transaction, sagaData, correlationProperties);
            transaction.Commit();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteConstraint)
        {
            sagaData.Revision = revision;
            throw new ConcurrencyException(exception, $"Saga data {sagaData.GetType()} with id {sagaData.Id} conflicts with another saga's correlation value");
        }
        catch
        {
            sagaData.Revision = revision;
            throw;
        }
    }

    /// <inheritdoc />
    public async Task Delete(ISagaData sagaData)
    {
        ArgumentNullException.ThrowIfNull(sagaData);
        await using var connection = await database.OpenAsync().ConfigureAwait(false);
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM egb_sagas WHERE id = $id AND revision = $revision";
            command.Parameters.AddWithValue("$id", ToText(sagaData.Id));
            command.Parameters.AddWithValue("$revision", sagaData.Revision);
            if (command.ExecuteNonQuery() != 1)
            {
                throw new ConcurrencyException($"Saga data {sagaData.GetType()} with id {sagaData.Id} was changed or deleted since revision {sagaData.Revision}");
            }
        }

        DeleteIndex(connection, transaction, sagaData.Id);
        transaction.Commit();
        sagaData.Revision++;
    }

    private static void WriteIndex(SqliteConnection connection, SqliteTransaction transaction, ISagaData sagaData,
        IEnumerable<ISagaCorrelationProperty> correlationProperties)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO egb_saga_index (saga_type, key, value, saga_id) VALUES ($type, $key, $value, $id)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Text);
        command.Parameters.AddWithValue("$type", TypeName(sagaData.GetType()));
        command.Parameters.AddWithValue("$id", ToText(sagaData.Id));
        foreach (var name in correlationProperties.Select(p => p.PropertyName).Where(n => n != nameof(ISagaData.Id)).Distinct(StringComparer.Ordinal))
        {
            var propertyValue = ReadPath(sagaData, name);
            if (propertyValue is null)
            {
                continue;
            }

            key.Value = name;
            value.Value = ToText(propertyValue);
            command.ExecuteNonQuery();
        }
    }

    private static void DeleteIndex(SqliteConnection connection, SqliteTransaction transaction, Guid sagaId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM egb_saga_index WHERE saga_id = $id";
        command.Parameters.AddWithValue("$id", ToText(sagaId));
        command.ExecuteNonQuery();
    }

    private static object? ReadPath(object target, string path)
    {
        object? current = target;
        foreach (var part in path.Split('.'))
        {
            if (current is null)
            {
                return null;
            }

            var property = current.GetType().GetProperty(part)
                ?? throw new InvalidOperationException($"Saga data {target.GetType()} has no property '{path}' to correlate on");
            current = property.GetValue(current);
        }

        return current;
    }

    private static string TypeName(Type type) => type.FullName ?? type.Name;

    private static string ToText(object value) => value switch
    {
        Guid guid => guid.ToString("D"),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
