namespace EgiszBus.Endpoints.Hosting.Tests.Support;

/// <summary>Real clock, but timers never fire: a process that has died renews no lease.</summary>
public sealed class DeadProcessTimeProvider : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
