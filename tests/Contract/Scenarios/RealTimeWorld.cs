using System.Net.WebSockets;
using FakeRiver.Scenarios.Running;

namespace Contract.Scenarios;

/// <summary>
/// A world on real time that must never be played: the runner has to skip a scenario that needs virtual time
/// before touching it. Every member but <see cref="VirtualTime"/> and disposal throws.
/// </summary>
public sealed class RealTimeWorld : IScenarioWorld
{
    public bool Disposed { get; private set; }

    public TimeProvider Clock => TimeProvider.System;

    public ChatContract Chat => ChatContract.Default;

    public bool VirtualTime => false;

    public int KeyLeaks => throw Played();

    public string? CannotRestartBackend => throw Played();

    public IServiceProvider River => throw Played();

    public HttpClient BackendClient() => throw Played();

    public HttpClient RiverClient(bool tracked = true) => throw Played();

    public Task<WebSocket> ConnectAsync(Uri uri, CancellationToken ct) => throw Played();

    public Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct) => throw Played();

    public IDisposable Busy() => throw Played();

    public void Touch() => throw Played();

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static InvalidOperationException Played() => new("a scenario that needs virtual time was played on real time");
}
