using System.Net.WebSockets;

namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Where a scenario plays: FakeRiver plus a backend, and how time passes. The in-process world (FakeRiver and the
/// embedded ChatBackend on test servers, virtual time) is the default; a world around a backend given by URL or
/// command (FakeRiver on real loopback, real time) implements the same contract, so the browser and the checks do
/// not change.
/// </summary>
public interface IScenarioWorld : IAsyncDisposable
{
    /// <summary>The clock every app and the browser share (virtual in-process, system time otherwise).</summary>
    TimeProvider Clock { get; }

    /// <summary>The backend's chat route and answer fields.</summary>
    ChatContract Chat { get; }

    /// <summary>True when time moves only when the runner says so (exact latencies, reproducible transcripts).</summary>
    bool VirtualTime { get; }

    /// <summary>FakeRiver's services, for its admin journals (requests, webhooks, callbacks).</summary>
    IServiceProvider River { get; }

    /// <summary>Requests that carried the API key to the trap a forged callback URL points at.</summary>
    int KeyLeaks { get; }

    /// <summary>Null when this world can restart the backend; otherwise why not (the scenario is then not applicable).</summary>
    string? CannotRestartBackend { get; }

    /// <summary>A client for the backend, as a browser reaches it.</summary>
    HttpClient BackendClient();

    /// <summary>
    /// A client for FakeRiver with the API key (reconnect, the sync step). <paramref name="tracked"/> false: its calls
    /// do not count as in flight, for calls that wait on FakeRiver's timers (a sync request streams on the clock).
    /// </summary>
    HttpClient RiverClient(bool tracked = true);

    /// <summary>Opens a socket to FakeRiver; an upgrade FakeRiver refuses throws <see cref="UpgradeRefusedException"/>.</summary>
    Task<WebSocket> ConnectAsync(Uri uri, CancellationToken ct);

    /// <summary>
    /// Lets the world run until <paramref name="done"/> holds or <paramref name="cap"/> of its time has passed;
    /// returns false on the cap or when nothing can happen any more.
    /// </summary>
    Task<bool> RunUntilAsync(Func<bool> done, TimeSpan cap, CancellationToken ct);

    /// <summary>Marks browser work in flight, so time does not move on under it.</summary>
    IDisposable Busy();

    /// <summary>Something observable happened (a frame arrived).</summary>
    void Touch();
}
