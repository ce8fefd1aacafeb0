namespace EgiszBus.Endpoints.Gateway;

/// <summary>Sends commands on the gateway endpoint's bus (the host wires it to the gateway's Rebus instance).</summary>
public interface ICommandSender
{
    /// <summary>Sends <paramref name="command"/> to the endpoint that owns it (routing is configured once, in the hosting layer).</summary>
    Task SendAsync(object command);
}
