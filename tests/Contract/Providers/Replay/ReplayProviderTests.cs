using Contract.Providers.OpenAi;
using FakeRiver.Providers;
using FakeRiver.Providers.Replay;
using FakeRiver.Recording;
using FakeRiver.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Providers.Replay;

/// <summary>The replay provider on a virtual clock: recorded offsets, scaled, and the recorded ending.</summary>
public class ReplayProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static ProviderCall Call(StreamRecording recording, double speed = 1, string committed = "")
    {
        var definition = new ProviderDefinition
        {
            Provider = "ollama",
            Model = "llama3.2",
            Type = ProviderType.Replay,
            Replay = recording,
            ReplaySpeed = speed,
        };
        return new ProviderCall(ProviderCalls.Request([definition]), definition, 1, committed, 42, Start);
    }

    private static StreamRecording Recording(string end = RecordingEnd.Done, string? fault = null, int? status = null, int? retryAfter = null) => new()
    {
        Provider = "ollama",
        Model = "llama3.2",
        End = end,
        EndMs = 400,
        Fault = fault,
        Status = status,
        RetryAfterSeconds = retryAfter,
        Chunks = end == RecordingEnd.Failed ? [] : [new(100, "Hello"), new(300, " world")],
    };

    [Theory]
    [InlineData(1, 100, 300)]
    [InlineData(2, 50, 150)]
    public async Task Replay_Scaled_EachChunkAtItsOffsetDividedBySpeed(double speed, int firstMs, int secondMs)
    {
        var clock = new FakeTimeProvider(Start);
        await using var stream = new ReplayProvider(new PaceScheduler(clock)).StreamAsync(Call(Recording(), speed), CancellationToken.None).GetAsyncEnumerator();

        var first = stream.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(firstMs - 1));
        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await first.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("Hello", stream.Current);

        var second = stream.MoveNextAsync().AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(secondMs - firstMs - 1));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(" world", stream.Current);
    }

    [Fact]
    public async Task Replay_SpeedZero_WholeStreamWithoutWaiting()
    {
        var (deltas, error) = await ProviderCalls.DrainAsync(
            new ReplayProvider(new PaceScheduler(new FakeTimeProvider(Start))).StreamAsync(Call(Recording(), 0), CancellationToken.None));

        Assert.Null(error);
        Assert.Equal(["Hello", " world"], deltas);
    }

    [Fact]
    public async Task Replay_RecordedHttpFailure_SameReasonStatusAndRetryAfter()
    {
        var (_, error) = await ProviderCalls.DrainAsync(new ReplayProvider(new PaceScheduler(new FakeTimeProvider(Start)))
            .StreamAsync(Call(Recording(RecordingEnd.Failed, "http_429", 429, 7), 0), CancellationToken.None));

        var failure = Assert.IsType<ProviderFailure>(error);
        Assert.Equal("http_429", failure.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task Replay_CutRecording_ChunksThenConnectionReset()
    {
        var (deltas, error) = await ProviderCalls.DrainAsync(new ReplayProvider(new PaceScheduler(new FakeTimeProvider(Start)))
            .StreamAsync(Call(Recording(RecordingEnd.Cut), 0), CancellationToken.None));

        Assert.Equal(["Hello", " world"], deltas);
        Assert.Equal("connection_reset", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Replay_AfterFailover_DropsWhatRepeatsTheCommittedText()
    {
        var (deltas, _) = await ProviderCalls.DrainAsync(new ReplayProvider(new PaceScheduler(new FakeTimeProvider(Start)))
            .StreamAsync(Call(Recording(), 0, committed: "Hello"), CancellationToken.None));

        Assert.Equal(" world", string.Concat(deltas));
    }
}
