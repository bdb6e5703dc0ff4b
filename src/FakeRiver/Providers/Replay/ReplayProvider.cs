using System.Runtime.CompilerServices;
using FakeRiver.Providers.OpenAi;
using FakeRiver.Recording;
using FakeRiver.Workflows;

namespace FakeRiver.Providers.Replay;

/// <summary>
/// Plays back a recording of an <c>openai</c> attempt (README "Record and replay"): each chunk at its recorded
/// offset from the attempt's start divided by <c>replay_speed</c> (0 = no waiting), then the recorded ending — a
/// clean end, a cut connection, an HTTP failure with its Retry-After, or a hang until the router's timeout. All
/// waits are on the injected clock, so a replay is deterministic and, in virtual time, instant. Continuing after a
/// mid-stream failover, it drops what repeats the committed text, as the openai provider does.
/// </summary>
internal sealed class ReplayProvider(PaceScheduler pace) : IModelProvider
{
    public ProviderType Type => ProviderType.Replay;

    public async IAsyncEnumerable<string> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken ct)
    {
        var recording = call.Definition.Replay ?? throw new ProviderFailure("replay_without_fixture");
        var speed = call.Definition.ReplaySpeed;
        DateTimeOffset At(long ms) => speed <= 0 ? call.StartedAt : call.StartedAt + TimeSpan.FromMilliseconds(ms / speed);

        var overlap = new ContinuationOverlap(call.CommittedText);
        using var waiter = pace.CreateWaiter(ct);
        foreach (var chunk in recording.Chunks)
        {
            await waiter.WaitUntilAsync(At(chunk.AtMs));
            var text = overlap.Feed(chunk.Content);
            if (text.Length > 0) yield return text;
        }
        if (recording is { End: RecordingEnd.Failed, Fault: "timeout" })
        {
            // The upstream never answered in time: hang until the router's attempt timeout cancels us.
            await Task.Delay(Timeout.InfiniteTimeSpan, pace.Time, ct);
        }
        await waiter.WaitUntilAsync(At(recording.EndMs));
        switch (recording.End)
        {
            case RecordingEnd.Failed:
                throw new ProviderFailure(recording.Fault!, recording.Status,
                    recording.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
            case RecordingEnd.Cut:
                throw new ProviderFailure("connection_reset");
        }
        var rest = overlap.Flush();
        if (rest.Length > 0) yield return rest;
    }
}
