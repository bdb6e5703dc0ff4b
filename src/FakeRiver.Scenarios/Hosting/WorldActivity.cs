namespace FakeRiver.Scenarios.Hosting;

/// <summary>
/// What an in-memory world is doing, for the runner's quiescence check: operations in flight (HTTP calls, socket
/// connects) and a version that moves on every observable step (a timer set, a frame received). The runner only
/// advances virtual time when nothing is in flight and the version stood still.
/// </summary>
internal sealed class WorldActivity
{
    private int _inFlight;
    private long _version;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Version => Interlocked.Read(ref _version);

    /// <summary>Marks one operation in flight until the returned scope is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Touch();
        return new Scope(this);
    }

    public void Touch() => Interlocked.Increment(ref _version);

    private sealed class Scope(WorldActivity owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            Interlocked.Decrement(ref owner._inFlight);
            owner.Touch();
        }
    }
}
