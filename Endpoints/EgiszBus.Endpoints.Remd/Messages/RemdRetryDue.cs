namespace EgiszBus.Endpoints.Remd.Messages;

/// <summary>Saga timeout: time to try <c>registerDocument</c> again (attempt number <paramref name="Attempt"/>).</summary>
public sealed record RemdRetryDue(string LocalUid, int Attempt);
