using System.Text;
using EgiszBus.Endpoints.Hosting.Tests.Support;
using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Rebus.Messages;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Tests;

[TestClass]
public sealed class SqliteTransportCrashTests
{
    private string directory = null!;

    private string DatabasePath => Path.Combine(directory, "bus.db");

    [TestInitialize]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("egiszbus-sqlite-").FullName;

    [TestCleanup]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    [TestMethod]
    public async Task GivenAMessageLeasedByAProcessThatDied_WhenItsLeaseEnds_ThenItIsDeliveredAgainWithItsDeliveryCount()
    {
        await SendAsync(new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(1)), "alpha", "m-1");

        // The dead process received the message and then vanished: no ack, no nack, no lease renewal.
        var dead = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(1), new DeadProcessTimeProvider());
        var abandoned = new RebusTransactionScope();
        var first = await Task.Run(() => dead.Receive(abandoned.TransactionContext, CancellationToken.None));
        Assert.AreEqual("1", first.Headers[SqliteTransport.DeliveryCountHeader]);

        var survivor = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(30));
        Assert.IsNull(await ReceiveAndAckAsync(survivor), "leased: invisible while the lease lasts");
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var again = await ReceiveAndAckAsync(survivor);

        Assert.IsNotNull(again);
        Assert.AreEqual("m-1", again.Headers[Headers.MessageId]);
        Assert.AreEqual("2", again.Headers[SqliteTransport.DeliveryCountHeader]);
        Assert.AreEqual(0L, survivor.Count("alpha"));
        GC.KeepAlive(abandoned);
    }

    [TestMethod]
    public async Task GivenALiveHandlerOutlastingItsLease_WhenAnotherReceiverPolls_ThenTheRenewedLeaseHidesTheMessage()
    {
        await SendAsync(new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(1)), "alpha", "m-2");
        var busy = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(1));
        var other = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromSeconds(1));

        await Task.Run(async () =>
        {
            using var scope = new RebusTransactionScope();
            Assert.IsNotNull(await busy.Receive(scope.TransactionContext, CancellationToken.None));
            await Task.Delay(TimeSpan.FromSeconds(2.2));
            Assert.IsNull(await ReceiveAndAckAsync(other), "the lease was renewed while the handler ran");
            await scope.CompleteAsync();
        });

        Assert.AreEqual(0L, other.Count("alpha"));
    }

    [TestMethod]
    public async Task GivenAReceiveWhoseTransactionIsDisposedWithoutCompleting_WhenReceivingAgain_ThenTheMessageIsBackAtOnceAndItsSendsNeverLeft()
    {
        var transport = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromMinutes(5));
        await SendAsync(transport, "alpha", "m-3");

        await Task.Run(async () =>
        {
            using var scope = new RebusTransactionScope();
            Assert.IsNotNull(await transport.Receive(scope.TransactionContext, CancellationToken.None));
            await transport.Send("beta", Message("out-1"), scope.TransactionContext);
        });

        Assert.AreEqual(0L, transport.Count("beta"));
        var again = await ReceiveAndAckAsync(transport);
        Assert.AreEqual("m-3", again?.Headers[Headers.MessageId]);
    }

    [TestMethod]
    public async Task GivenAHandledMessageThatSends_WhenAcked_ThenTheSendAndTheDeleteCommitTogether()
    {
        var transport = new SqliteTransport(new SqliteBusDatabase(DatabasePath), "alpha", TimeSpan.FromMinutes(5));
        await SendAsync(transport, "alpha", "m-4");

        await Task.Run(async () =>
        {
            using var scope = new RebusTransactionScope();
            Assert.IsNotNull(await transport.Receive(scope.TransactionContext, CancellationToken.None));
            await transport.Send("beta", Message("out-2"), scope.TransactionContext);
            Assert.AreEqual(0L, transport.Count("beta"), "nothing leaves before the ack");
            await scope.CompleteAsync();
        });

        Assert.AreEqual(1L, transport.Count("beta"));
        Assert.AreEqual(0L, transport.Count("alpha"));
    }

    private static async Task SendAsync(SqliteTransport transport, string queue, string id)
    {
        using var scope = new RebusTransactionScope();
        await transport.Send(queue, Message(id), scope.TransactionContext);
        await scope.CompleteAsync();
    }

    private static TransportMessage Message(string id) =>
        new(new Dictionary<string, string> { [Headers.MessageId] = id }, Encoding.UTF8.GetBytes("{}"));

    private static Task<TransportMessage?> ReceiveAndAckAsync(SqliteTransport transport) => Task.Run(async () =>
    {
        using var scope = new RebusTransactionScope();
        var message = await transport.Receive(scope.TransactionContext, CancellationToken.None);
        await scope.CompleteAsync();
        return (TransportMessage?)message;
    });
}
