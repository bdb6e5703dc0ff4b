namespace FakeRiver.Scenarios.Running;

/// <summary>
/// Where a loopback world finds its backend and where FakeRiver listens. FakeRiver keeps the same port for every
/// scenario of a run, because the backend was told its URL once.
/// </summary>
// RestartBackend: Stops and starts the backend (a started command); null when the runner cannot.</param>
internal sealed record LoopbackSettings(Uri Backend, int RiverPort, string ApiKey, string WebhookSecret, ChatContract Chat,
    Func<CancellationToken, Task>? RestartBackend = null)
{
    public Uri River => new($"http://127.0.0.1:{RiverPort}/");
}
