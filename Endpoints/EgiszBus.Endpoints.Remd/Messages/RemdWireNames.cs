namespace EgiszBus.Endpoints.Remd.Messages;

/// <summary>Wire names of the remd endpoint's own (timeout) messages.</summary>
public static class RemdWireNames
{
    /// <summary>Message type → wire name.</summary>
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(RemdRetryDue)] = "egiszbus.remd.retry-due.v1",
        [typeof(RemdResultCheckDue)] = "egiszbus.remd.result-check-due.v1",
    };
}
