namespace EgiszBus.Endpoints.Hosting.Storage;

/// <summary>Where a submitted document is, as the MIS sees it through <c>GET /api/v1/documents/{id}</c>.</summary>
public enum DocumentState
{
    /// <summary>Received by the gateway; being translated and verified.</summary>
    Accepted = 0,

    /// <summary>REMD took the registration request; its result is awaited.</summary>
    SentToRemd = 1,

    /// <summary>Final: registered in REMD (an <c>emdrId</c> is known).</summary>
    Registered = 2,

    /// <summary>Final: refused by the hub or by REMD; the problems say why.</summary>
    Rejected = 3,

    /// <summary>Final: registration gave up (deadline passed during technical failures).</summary>
    Failed = 4,
}
