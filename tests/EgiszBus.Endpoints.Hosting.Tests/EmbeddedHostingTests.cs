using EgiszBus.Endpoints.Hosting.Transport.Sqlite;
using Rebus.Transport;

namespace EgiszBus.Endpoints.Hosting.Tests;

[TestClass]
public sealed class EmbeddedHostingTests : HostingContractTests
{
    private readonly List<string> directories = [];

    protected override TimeSpan DeferralEarliness => TimeSpan.Zero;

    protected override BusOptions NewOptions()
    {
        var directory = Path.Combine(Path.GetTempPath(), "egiszbus-hosting-" + Guid.NewGuid().ToString("N")[..12]);
        directories.Add(directory);
        return new BusOptions { Transport = TransportKind.Embedded, DataDirectory = directory };
    }

    protected override Task<long> CountAsync(BusOptions options, string queue) =>
        Task.FromResult(((SqliteTransport)RawTransport(options, queue)).Count(queue));

    protected override ITransport RawTransport(BusOptions options, string queue) =>
        new SqliteTransport(new SqliteBusDatabase(Path.Combine(options.DataDirectory, "bus.db")), queue, TimeSpan.FromSeconds(30));

    [TestCleanup]
    public void RemoveDirectories()
    {
        foreach (var directory in directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
