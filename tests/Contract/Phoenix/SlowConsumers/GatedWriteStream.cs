namespace Contract.Phoenix.SlowConsumers;

/// <summary>
/// The write side of a WebSocket whose peer reads only when the test says so: each write waits for one
/// <see cref="Release"/>, and <see cref="WriteStartedAsync"/> tells when the n-th write has begun. Reads never
/// return data (the peer sends nothing) and end when the stream is disposed.
/// </summary>
internal sealed class GatedWriteStream : Stream
{
    private readonly SemaphoreSlim _gate = new(0);
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _started = [];
    private readonly TaskCompletionSource<int> _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Lets one waiting (or the next) write complete.</summary>
    public void Release() => _gate.Release();

    /// <summary>Completes once write number <paramref name="n"/> (1-based) has started.</summary>
    public Task WriteStartedAsync(int n) => Started(n).Task;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int n;
        lock (_lock) n = ++_writes;
        Started(n).TrySetResult();
        await _gate.WaitAsync(cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(_disposed.Task.WaitAsync(cancellationToken));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed.TrySetResult(0);
            _gate.Dispose();
        }
        base.Dispose(disposing);
    }

    private TaskCompletionSource Started(int n)
    {
        lock (_lock)
        {
            while (_started.Count < n) _started.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return _started[n - 1];
        }
    }
}
