using System.Collections.Concurrent;
using Rebus.Bus;
using Rebus.Messages;
using Rebus.Pipeline;

namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>
/// An incoming step placed before Rebus's saga step: it lets the saga load, run and SAVE, then throws on the first delivery of
/// each <see cref="LedgerEntry"/> — the transaction is rolled back, so the handler's outgoing messages are lost while the saga
/// data stays saved: what a process kill between the saga save and the transport commit leaves behind.
/// </summary>
public sealed class CommitLostAfterSagaSaved : IIncomingStep
{
    private readonly ConcurrentDictionary<string, bool> failed = new(StringComparer.Ordinal);

    public int Injected => failed.Count;

    public async Task Process(IncomingStepContext context, Func<Task> next)
    {
        await next();
        var message = context.Load<Message>();
        if (message.Body is LedgerEntry && failed.TryAdd(message.GetMessageId(), true))
        {
            throw new InvalidOperationException("Simulated crash after the saga was saved, before the transport committed");
        }
    }
}
