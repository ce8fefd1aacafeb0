using System.Net;
using System.Threading.Channels;
using EgiszBus.Adapters.Remd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EgiszBus.Adapters.Remd.Tests;

/// <summary>A small Kestrel listener that takes REMD callbacks, parses them with <see cref="RemdCallbackParser"/> and acknowledges them.</summary>
public sealed class CallbackListener : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<RemdCallback> received = Channel.CreateUnbounded<RemdCallback>();
    private int failuresLeft;

    private CallbackListener(WebApplication app) => this.app = app;

    /// <summary>Where to send callbacks.</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>Answer HTTP 503 to this many next callbacks (a listener that is down).</summary>
    public int FailNext
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    public static async Task<CallbackListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var listener = new CallbackListener(app);
        app.MapPost("/remd/callback", listener.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        listener.Uri = new Uri(address.TrimEnd('/') + "/remd/callback");
        return listener;
    }

    /// <summary>The next callback, or a test failure after <paramref name="timeout"/>.</summary>
    public async Task<RemdCallback> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertFailedException("no callback arrived in time");
        }
    }

    /// <summary>True when another callback arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> AnyWithinAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await received.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Interlocked.Exchange(ref failuresLeft, 0);
        var callback = await RemdCallbackParser.ParseAsync(context.Request.Body, context.RequestAborted);
        await received.Writer.WriteAsync(callback, context.RequestAborted);
        context.Response.ContentType = RemdCallbackAcknowledgement.ContentType;
        await context.Response.Body.WriteAsync(RemdCallbackAcknowledgement.Write(callback.RelatesToMessageId), context.RequestAborted);
    }
}
