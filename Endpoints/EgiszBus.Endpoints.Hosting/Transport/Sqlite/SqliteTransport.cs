using Microsoft.Data.Sqlite;
using Rebus.Extensions;
using Rebus.Messages;
using Rebus.Serialization;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Transport.Sqlite;

/// <summary>
/// Rebus transport on the embedded SQLite database: one table with a queue column. A receive leases the message
/// (hidden until the lease ends, renewed while the handler runs, so a crashed process's message comes back);
/// ack deletes it, nack releases it. Messages sent while handling are written in the same SQLite transaction as
/// the ack, so a handler's sends leave exactly when its message is consumed. Deferred messages (header
/// <c>rbs2-deferred-until</c>) become visible at their due time (native deferral, millisecond granularity).
/// The delivery count is reported in <see cref="DeliveryCountHeader"/>.
/// </summary>
public sealed class SqliteTransport : AbstractRebusTransport
{
    /// <summary>Header with a message priority (higher first), as Rebus.PostgreSql understands it.</summary>
    public const string PriorityHeader = "rbs2-msg-priority";

    /// <summary>
    /// How many times the message was received (1 on the first delivery), for diagnostics. Deliberately not Rebus's
    /// <c>rbs2-delivery-count</c>: with it, Rebus 8.9.5 dead-letters an over-delivered message with commit=false, which
    /// under <c>ErrorHandlerMode.NextDelivery</c> drops the error-queue copy and acks the original (the message is lost).
    /// </summary>
    public const string DeliveryCountHeader = "egiszbus-delivery-count";

    private const string ReceivedKey = "egiszbus-sqlite-received";
    private static readonly HeaderSerializer HeaderSerializer = new();
    private readonly SqliteBusDatabase database;
    private readonly TimeProvider time;
    private readonly TimeSpan lease;

    /// <summary>Creates a transport; <paramref name="inputQueueName"/> null makes a send-only (one-way) transport.</summary>
    public SqliteTransport(SqliteBusDatabase database, string? inputQueueName, TimeSpan lease, TimeProvider? time = null)
        : base(inputQueueName!)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "The lease must be positive");
        }

        this.database = database;
        this.lease = lease;
        this.time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override void CreateQueue(string address)
    {
        // One table holds every queue; nothing to create.
    }

    /// <summary>Number of messages in <paramref name="queue"/> (visible, deferred or leased).</summary>
    public long Count(string queue)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM egb_messages WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public override async Task<TransportMessage> Receive(ITransactionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Address is null)
        {
            throw new InvalidOperationException("A one-way transport has no input queue to receive from");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A read does not take SQLite's write lock: idle polling stays cheap for the other writers.
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT 1 FROM egb_messages WHERE queue = $queue AND visible_at <= $now LIMIT 1";
            probe.Parameters.AddWithValue("$queue", Address);
            probe.Parameters.AddWithValue("$now", now);
            if (probe.ExecuteScalar() is null)
            {
                return null!;
            }
        }

        var token = Random.Shared.NextInt64(1, long.MaxValue);
        long id;
        Dictionary<string, string> headers;
        byte[] body;
        using (var take = connection.CreateCommand())
        {
            take.CommandText = """
                UPDATE egb_messages SET visible_at = $until, lease_token = $token, delivery_count = delivery_count + 1
                WHERE id = (SELECT id FROM egb_messages WHERE queue = $queue AND visible_at <= $now ORDER BY priority DESC, id LIMIT 1)
                RETURNING id, headers, body, delivery_count
                """;
            take.Parameters.AddWithValue("$queue", Address);
            take.Parameters.AddWithValue("$now", now);
            take.Parameters.AddWithValue("$until", now + (long)lease.TotalMilliseconds);
            take.Parameters.AddWithValue("$token", token);
            using var reader = take.ExecuteReader();
            if (!reader.Read())
            {
                return null!;
            }

            id = reader.GetInt64(0);
            headers = HeaderSerializer.Deserialize((byte[])reader[1]);
            body = (byte[])reader[2];
            headers[DeliveryCountHeader] = reader.GetInt64(3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var received = new ReceivedMessage(this, id, token);
        context.Items[ReceivedKey] = received;
        context.OnAck(_ => received.FinishAsync(ack: true));
        context.OnNack(_ => received.FinishAsync(ack: false));
        context.OnDisposed(_ => received.StopRenewing());
        received.StartRenewing();
        return new TransportMessage(headers, body);
    }

    /// <inheritdoc />
    protected override Task SendOutgoingMessages(IEnumerable<OutgoingTransportMessage> outgoingMessages, ITransactionContext context)
    {
        if (context.Items.TryGetValue(ReceivedKey, out var value) && value is ReceivedMessage received
            && ReferenceEquals(received.Transport.database, database) && received.TryEnlist(outgoingMessages))
        {
            return Task.CompletedTask;
        }

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        Insert(connection, transaction, outgoingMessages);
        transaction.Commit();
        return Task.CompletedTask;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Insert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OutgoingTransportMessage> messages)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO egb_messages (queue, priority, visible_at, headers, body) VALUES ($queue, $priority, $visible, $headers, $body)";
        var queue = command.Parameters.Add("$queue", SqliteType.Text);
        var priority = command.Parameters.Add("$priority", SqliteType.Integer);
        var visible = command.Parameters.Add("$visible", SqliteType.Integer);
        var headerBytes = command.Parameters.Add("$headers", SqliteType.Blob);
        var body = command.Parameters.Add("$body", SqliteType.Blob);
        var now = Now();
        foreach (var message in messages)
        {
            var headers = message.TransportMessage.Headers.Clone();
            var visibleAt = now;
            if (headers.TryGetValue(Headers.DeferredUntil, out var deferredUntil))
            {
                visibleAt = Math.Max(now, deferredUntil.ToDateTimeOffset().ToUnixTimeMilliseconds());
                headers.Remove(Headers.DeferredUntil);
            }

            headers.Remove(DeliveryCountHeader);
            queue.Value = message.DestinationAddress;
            priority.Value = headers.TryGetValue(PriorityHeader, out var p) && int.TryParse(p, out var parsed) ? parsed : 0;
            visible.Value = visibleAt;
            headerBytes.Value = HeaderSerializer.Serialize(headers);
            body.Value = message.TransportMessage.Body;
            command.ExecuteNonQuery();
        }
    }

    private sealed class ReceivedMessage(SqliteTransport transport, long id, long token)
    {
        private readonly Lock gate = new();
        private readonly List<OutgoingTransportMessage> pending = [];
        private ITimer? renewal;
        private bool finished;

        public SqliteTransport Transport { get; } = transport;

        public bool TryEnlist(IEnumerable<OutgoingTransportMessage> messages)
        {
            lock (gate)
            {
                if (finished)
                {
                    return false;
                }

                pending.AddRange(messages);
                return true;
            }
        }

        public void StartRenewing()
        {
            var period = Transport.lease / 3;
            renewal = Transport.time.CreateTimer(_ => Renew(), null, period, period);
        }

        public void StopRenewing() => renewal?.Dispose();

        public Task FinishAsync(bool ack)
        {
            OutgoingTransportMessage[] outgoing;
            lock (gate)
            {
                finished = true;
                outgoing = [.. pending];
                pending.Clear();
            }

            StopRenewing();
            using var connection = Transport.database.Open();
            using var transaction = connection.BeginTransaction();
            Transport.Insert(connection, transaction, outgoing);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = ack
                ? "DELETE FROM egb_messages WHERE id = $id AND lease_token = $token"
                : "UPDATE egb_messages SET visible_at = $now, lease_token = NULL WHERE id = $id AND lease_token = $token";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$token", token);
            command.Parameters.AddWithValue("$now", Transport.Now());
            command.ExecuteNonQuery();
            transaction.Commit();
            return Task.CompletedTask;
        }

        private void Renew()
        {
            try
            {
                lock (gate)
                {
                    if (finished)
                    {
                        return;
                    }
                }

                using var connection = Transport.database.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "UPDATE egb_messages SET visible_at = $until WHERE id = $id AND lease_token = $token";
                command.Parameters.AddWithValue("$until", Transport.Now() + (long)Transport.lease.TotalMilliseconds);
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$token", token);
                command.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // A missed renewal only risks a duplicate delivery (at-least-once); the next tick tries again.
            }
        }
    }
}
