namespace EgiszBus.Adapters.Remd;

/// <summary>Settings of <see cref="RemdSoapClient"/>.</summary>
public sealed record RemdClientOptions
{
    /// <summary>The REMD SOAP endpoint (WS-Addressing <c>To</c>).</summary>
    public required Uri ServiceUri { get; init; }

    /// <summary>The GUID REMD gave this system (<c>transportHeader/authInfo/clientEntityId</c>).</summary>
    public required string ClientEntityId { get; init; }

    /// <summary>How long one call may take, answer included; past it the call is <see cref="RemdOutcome.Retryable"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where REMD sends <c>registerDocumentResult</c> (WS-Addressing <c>ReplyTo</c>); anonymous when null.</summary>
    public Uri? CallbackUri { get; init; }
}
