namespace EgiszBus.Host.Bench;

/// <summary>Counts handled <see cref="BenchPing"/> messages and completes once the expected number was seen.</summary>
internal sealed class BenchPingCounter
{
    private int seen;
    private int expected = int.MaxValue;
    private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Messages seen since the last <see cref="Reset"/>.</summary>
    public int Seen => Volatile.Read(ref seen);

    /// <summary>Completes when <see cref="Seen"/> reaches the expected count.</summary>
    public Task Done => done.Task;

    /// <summary>Starts a new count that completes at <paramref name="count"/>.</summary>
    public void Reset(int count)
    {
        done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref expected, count);
        Volatile.Write(ref seen, 0);
    }

    /// <summary>Records one handled message.</summary>
    public void Hit()
    {
        if (Interlocked.Increment(ref seen) == Volatile.Read(ref expected))
        {
            done.TrySetResult();
        }
    }
}
