namespace Perf.Load.Processes;

/// <summary>An IDisposable seen as IAsyncDisposable (WireMock.Net's server is only IDisposable).</summary>
public sealed class AsyncDisposer(IDisposable inner) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        inner.Dispose();
        return ValueTask.CompletedTask;
    }
}
