namespace EgiszBus.Endpoints.Remd.Policies;

/// <summary>Where one document's registration in REMD stands.</summary>
public enum RemdRegistrationState
{
    /// <summary>Just created, nothing done yet.</summary>
    New = 0,

    /// <summary>The callback arrived before the saga knew the document (callback raced the first commit).</summary>
    ResultArrivedEarly = 6,

    /// <summary>registerDocument has to be (re)sent.</summary>
    Registering = 1,

    /// <summary>REMD took the request (or already had it); waiting for the callback, chasing it with searchRegistryItem.</summary>
    AwaitingResult = 2,

    /// <summary>Final: registered, emdrId known.</summary>
    Registered = 3,

    /// <summary>Final: REMD refused the document for data or signature reasons.</summary>
    Rejected = 4,

    /// <summary>Final: the deadline passed while REMD kept failing technically.</summary>
    Failed = 5,
}
