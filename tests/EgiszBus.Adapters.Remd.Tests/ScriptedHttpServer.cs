using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EgiszBus.Adapters.Remd.Tests;

/// <summary>A loopback HTTP server that answers every POST with a fixed status, content type and body, and keeps the last request.</summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScriptedHttpServer(WebApplication app) => this.app = app;

    public Uri Uri { get; private set; } = null!;

    public int Status { get; set; } = 200;

    public string ContentType { get; set; } = "application/soap+xml; charset=utf-8";

    public string Body { get; set; } = string.Empty;

    public byte[]? LastRequestBody { get; private set; }

    public string? LastRequestContentType { get; private set; }

    public static async Task<ScriptedHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedHttpServer(app);
        app.MapPost("/emdr/service", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Uri = new Uri(address.TrimEnd('/') + "/emdr/service");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        LastRequestBody = buffer.ToArray();
        LastRequestContentType = context.Request.ContentType;
        context.Response.StatusCode = Status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(Body);
    }
}
