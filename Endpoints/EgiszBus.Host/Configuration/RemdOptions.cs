namespace EgiszBus.Host.Configuration;

/// <summary>The federal REMD service (section <c>Remd</c>).</summary>
public sealed class RemdOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Remd";

    /// <summary>The REMD SOAP endpoint; required by the <c>remd</c> endpoint, optional otherwise.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Our information system's id at REMD (<c>clientEntityId</c>, a GUID issued at registration).</summary>
    public Guid? ClientEntityId { get; set; }

    /// <summary>Where REMD sends results; defaults to <c>{Gateway:Url}/remd/callback</c>.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>Back-off of retryable failures.</summary>
    public RemdRetryOptions Retry { get; set; } = new();

    /// <summary>How long to wait for REMD's callback before asking REMD by search.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one HTTP request to REMD.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
