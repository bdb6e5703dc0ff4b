using System.Net.WebSockets;
using FakeRiver.Phoenix;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Phoenix.SlowConsumers;

/// <summary>
/// The send timeout counts from the last progress, not from when frames first waited: a peer that reads slowly but
/// keeps reading is kept; one that stops for a whole timeout is abandoned, at exactly that instant.
/// </summary>
public class SendTimeoutProgressTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendTimeout_ProgressPartWayThrough_AbandonedOnlyAFullTimeoutAfterTheLastSend()
    {
        var time = new FakeTimeProvider();
        var options = new PhoenixOptions { SendTimeout = TimeSpan.FromSeconds(10), MaxSendQueueFrames = 100, MaxSendQueueBytes = 1 << 20 };
        await using var stream = new GatedWriteStream();
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
        string? abandoned = null;
        using var outbox = new PhoenixOutbox(socket, PhoenixVersion.V2, options, time, (_, reason) => abandoned = reason);
        var run = outbox.RunAsync(CancellationToken.None);
        for (var i = 1; i <= 3; i++) outbox.Enqueue(new PhoenixFrame("1", null, "room:x", "tokens", """{"seq":1}"""u8.ToArray()));
        await stream.WriteStartedAsync(1).WaitAsync(Cap);

        time.Advance(TimeSpan.FromSeconds(6));
        stream.Release();
        // The first frame went out at 6 s; the second is now stuck.
        await stream.WriteStartedAsync(2).WaitAsync(Cap);

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(abandoned);
        Assert.Null(outbox.AbandonReason);

        time.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1));
        Assert.Null(outbox.AbandonReason);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("send timeout", outbox.AbandonReason);
        Assert.Equal("send timeout", abandoned);

        // The stuck frame goes once the peer reads; the dropped one never does, the 1013 close follows.
        for (var i = 0; i < 2; i++) stream.Release();
        await run.WaitAsync(Cap);
        Assert.Equal(PhoenixOutbox.TryAgainLater, outbox.SentClose);
    }

    [Fact]
    public async Task SendTimeout_QueueDrainedThenRefilled_CountsFromWhenFramesWaitAgain()
    {
        var time = new FakeTimeProvider();
        var options = new PhoenixOptions { SendTimeout = TimeSpan.FromSeconds(10), MaxSendQueueFrames = 100, MaxSendQueueBytes = 1 << 20 };
        await using var stream = new GatedWriteStream();
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
        using var outbox = new PhoenixOutbox(socket, PhoenixVersion.V2, options, time, (_, _) => { });
        var run = outbox.RunAsync(CancellationToken.None);

        stream.Release();
        outbox.Enqueue(new PhoenixFrame("1", null, "room:x", "tokens", """{"seq":1}"""u8.ToArray()));
        await stream.WriteStartedAsync(1).WaitAsync(Cap);
        // Idle with nothing queued for most of a timeout, then a frame that the peer does not take.
        time.Advance(TimeSpan.FromSeconds(9));
        outbox.Enqueue(new PhoenixFrame("1", null, "room:x", "tokens", """{"seq":2}"""u8.ToArray()));
        await stream.WriteStartedAsync(2).WaitAsync(Cap);

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(outbox.AbandonReason);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("send timeout", outbox.AbandonReason);

        // The stuck frame goes once the peer reads; the dropped one never does, the 1013 close follows.
        for (var i = 0; i < 2; i++) stream.Release();
        await run.WaitAsync(Cap);
        Assert.Equal(PhoenixOutbox.TryAgainLater, outbox.SentClose);
    }

    [Fact]
    public async Task SendTimeout_TimerLateAndFrameGoesOutAfterAWholeTimeout_AbandonedOnThatSend()
    {
        var clock = new SilentTimersClock();
        var options = new PhoenixOptions { SendTimeout = TimeSpan.FromSeconds(10), MaxSendQueueFrames = 100, MaxSendQueueBytes = 1 << 20 };
        await using var stream = new GatedWriteStream();
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true });
        using var outbox = new PhoenixOutbox(socket, PhoenixVersion.V2, options, clock, (_, _) => { });
        var run = outbox.RunAsync(CancellationToken.None);
        outbox.Enqueue(new PhoenixFrame("1", null, "room:x", "tokens", """{"seq":1}"""u8.ToArray()));
        outbox.Enqueue(new PhoenixFrame("1", null, "room:x", "tokens", """{"seq":2}"""u8.ToArray()));
        await stream.WriteStartedAsync(1).WaitAsync(Cap);

        // The first frame leaves a whole timeout after it began to wait, and no timer has run.
        clock.Inner.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(outbox.AbandonReason);
        stream.Release();
        stream.Release();
        await run.WaitAsync(Cap);

        Assert.Equal("send timeout", outbox.AbandonReason);
        Assert.Equal(PhoenixOutbox.TryAgainLater, outbox.SentClose);
    }
}
