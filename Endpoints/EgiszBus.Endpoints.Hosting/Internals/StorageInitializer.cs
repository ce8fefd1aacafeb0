using EgiszBus.Endpoints.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EgiszBus.Endpoints.Hosting.Internals;

/// <summary>Creates the stores (tables, folders) when the host starts, so a bad setting fails the start, not a message.</summary>
internal sealed class StorageInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IDocumentStore>();
        services.GetRequiredService<IDocumentStatusStore>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
