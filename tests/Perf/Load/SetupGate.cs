namespace Perf.Load;

/// <summary>One session's slot in <see cref="SetupGates"/>: left at the join reply, or at the end if it never joined.</summary>
public sealed class SetupGate(SemaphoreSlim slots) : IDisposable
{
    private int _left;

    public void Leave()
    {
        if (Interlocked.Exchange(ref _left, 1) == 0) slots.Release();
    }

    public void Dispose() => Leave();
}
