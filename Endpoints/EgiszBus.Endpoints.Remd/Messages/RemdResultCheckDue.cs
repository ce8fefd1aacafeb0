namespace EgiszBus.Endpoints.Remd.Messages;

/// <summary>Saga timeout: the callback has not come; ask REMD with <c>searchRegistryItem</c> (check number <paramref name="Check"/>).</summary>
public sealed record RemdResultCheckDue(string LocalUid, int Check);
