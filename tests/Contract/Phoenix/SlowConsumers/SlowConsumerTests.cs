using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FakeRiver.Phoenix;
using FakeRiver.Requests;

namespace Contract.Phoenix.SlowConsumers;

/// <summary>
/// Clients that stop reading, beside clients that read everything, on real Kestrel loopback. Progress is driven
/// by signals (each token is appended once the normal readers have the previous one; journal entries), and every
/// timeout by advancing virtual time: nothing here sleeps.
/// </summary>
public partial class SlowConsumerTests
{
    private const int TokenBytes = 16 * 1024;
    private const int MaxTokens = 1500;
    private const int BacklogTokens = 600;
    private static readonly TimeSpan Cap = PhoenixTestClient.Cap;

    [Fact]
    public async Task SlowConsumer_StalledSocketOverQueueLimit_Closed1013ReplayableOthersGetEverything()
    {
        const int limit = 256 * 1024;
        await using var host = new KestrelPhoenixHost(new Dictionary<string, string> { ["MaxSendQueueBytes"] = $"{limit}" });
        var stalledStream = host.AddRequest();
        var otherStream = host.AddRequest();
        using var stalled = await StalledClient.ConnectAsync(host.SocketUri(host.IssueToken(stalledStream)));
        await stalled.SendAsync("1", "1", stalledStream.Topic, "phx_join");
        var stalledId = (await host.Journal.WaitForAsync(e => e.Kind == "joined" && e.ChannelId == stalledStream.ChannelId).WaitAsync(Cap)).SocketId!;
        using var sameStream = await JoinedReaderAsync(host, stalledStream);
        using var otherReader = await JoinedReaderAsync(host, otherStream);
        var abandoned = host.WaitForAsync(stalledId, "abandoned");

        // Each token goes out once both readers have the one before: their queues stay near empty, the stalled one grows.
        var appended = 0;
        while (appended < MaxTokens && !abandoned.IsCompleted)
        {
            appended++;
            stalledStream.Log.AppendToken(Delta(appended), 1, "sim", "m");
            otherStream.Log.AppendToken(Delta(appended), 1, "sim", "m");
            Assert.Equal(appended, Seq(await sameStream.ReceiveFrameAsync()));
            Assert.Equal(appended, Seq(await otherReader.ReceiveFrameAsync()));
        }
        var entry = await abandoned.WaitAsync(Cap);
        for (var i = 0; i < 3; i++)
        {
            appended++;
            stalledStream.Log.AppendToken(Delta(appended), 1, "sim", "m");
            Assert.Equal(appended, Seq(await sameStream.ReceiveFrameAsync()));
        }
        stalledStream.Log.PublishResponse(new JsonObject { ["status"] = "success" }, isFinal: true);
        otherStream.Log.PublishResponse(new JsonObject { ["status"] = "success" }, isFinal: true);

        Assert.StartsWith("send queue over limit", entry.Detail, StringComparison.Ordinal);
        Assert.InRange(PeakBytes(entry.Detail!), 1, limit);
        await AssertFinishedAsync(sameStream);
        await AssertFinishedAsync(otherReader);
        // The stalled client reads at last: what got through before the abandon, then the 1013 close.
        var (got, close) = await stalled.ReceiveUntilCloseAsync();
        Assert.Equal(PhoenixOutbox.TryAgainLater, close);
        Assert.Equal("phx_reply", got[0].Event);
        var seen = got.Skip(1).Select(Seq).ToList();
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen);
        Assert.InRange(seen.Count, 0, appended - 1);
        Assert.Equal("TryAgainLater", (await host.WaitForAsync(stalledId, "closed").WaitAsync(Cap)).Detail);
        // A reconnect (fresh token from the real endpoint) with last_seq gets the rest, no gap, no duplicate.
        using var again = await host.ConnectReaderAsync(await host.ReconnectTokenAsync(stalledStream));
        Assert.Equal("ok", (await again.JoinAsync(stalledStream.Topic, payloadJson: $$"""{"last_seq":{{seen.Count}}}""")).Status);
        var (rest, finalClose) = await again.ReceiveUntilCloseAsync();
        var replayed = rest.Where(f => f.Event == "tokens").Select(Seq).ToList();
        Assert.Equal(Enumerable.Range(seen.Count + 1, appended - seen.Count).Select(i => (long)i), replayed);
        Assert.Equal(["response", "phx_close"], rest.Where(f => f.Event != "tokens").Select(f => f.Event));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, finalClose);
    }

    [Fact]
    public async Task SlowConsumer_NoSendProgressForSendTimeout_Closed1013WhenPeerReadsAgain()
    {
        await using var host = new KestrelPhoenixHost(new Dictionary<string, string>
        {
            ["MaxSendQueueBytes"] = $"{1L << 30}",
            ["MaxSendQueueFrames"] = "1000000",
        });
        var stream = host.AddRequest();
        var (stalled, stalledId) = await JoinStalledToBacklogAsync(host, stream);
        using var _ = stalled;

        // Every replayed frame was queued at the current virtual instant and the peer takes none: one send timeout on.
        host.Time.Advance(host.Options.SendTimeout);
        var entry = await host.WaitForAsync(stalledId, "abandoned").WaitAsync(Cap);
        var (got, close) = await stalled.ReceiveUntilCloseAsync();

        Assert.StartsWith("send timeout", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(PhoenixOutbox.TryAgainLater, close);
        Assert.InRange(got.Count(f => f.Event == "tokens"), 0, BacklogTokens - 1);
        Assert.Equal("TryAgainLater", (await host.WaitForAsync(stalledId, "closed").WaitAsync(Cap)).Detail);
    }

    [Fact]
    public async Task SlowConsumer_IdleWhileFramesStuck_ClosedAfterGraceNotQueuedBehindThem()
    {
        await using var host = new KestrelPhoenixHost(new Dictionary<string, string>
        {
            ["MaxSendQueueBytes"] = $"{1L << 30}",
            ["MaxSendQueueFrames"] = "1000000",
            ["SendTimeout"] = "1.00:00:00",
        });
        var stream = host.AddRequest();
        var (stalled, stalledId) = await JoinStalledToBacklogAsync(host, stream);
        using var _ = stalled;

        host.Time.Advance(host.Options.IdleTimeout);
        var entry = await host.WaitForAsync(stalledId, "abandoned").WaitAsync(Cap);
        host.Time.Advance(host.Options.CloseGrace);
        var closed = await host.WaitForAsync(stalledId, "closed").WaitAsync(Cap);

        // Queued behind ~10 MB the peer never reads, the idle close would never go out and its grace never start.
        Assert.StartsWith("idle timeout", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(host.Options.CloseGrace, closed.At - entry.At);
        Assert.Contains(closed.Detail, new[] { "aborted", "TryAgainLater" });
    }

    /// <summary>
    /// A backlog far larger than loopback's buffers (4 MiB send, a 4 KiB receive window, Kestrel's 64 KiB pipe) is in
    /// the log before a stalled client joins, so the whole replay is queued by the join itself; a second join of an
    /// unknown topic is then refused, and its journal entry is the signal that the replay is queued.
    /// </summary>
    private static async Task<(PhoenixTestClient Client, string SocketId)> JoinStalledToBacklogAsync(KestrelPhoenixHost host, RiverRequest stream)
    {
        for (var i = 1; i <= BacklogTokens; i++) stream.Log.AppendToken(Delta(i), 1, "sim", "m");
        var stalled = await StalledClient.ConnectAsync(host.SocketUri(host.IssueToken(stream)));
        await stalled.SendAsync("1", "1", stream.Topic, "phx_join");
        await stalled.SendAsync("2", "2", "room:nobody", "phx_join");
        return (stalled, (await host.Journal.WaitForAsync(e => e.Kind == "join_refused").WaitAsync(Cap)).SocketId!);
    }

    private static async Task<PhoenixTestClient> JoinedReaderAsync(KestrelPhoenixHost host, RiverRequest request)
    {
        var client = await host.ConnectReaderAsync(host.IssueToken(request));
        Assert.Equal("ok", (await client.JoinAsync(request.Topic)).Status);
        return client;
    }

    private static async Task AssertFinishedAsync(PhoenixTestClient client)
    {
        var (frames, close) = await client.ReceiveUntilCloseAsync();
        Assert.Equal(["response", "phx_close"], frames.Select(f => f.Event));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
    }

    /// <summary>A big token (so buffers fill in few of them) that names its own seq.</summary>
    private static string Delta(int seq) => $"[{seq}]" + new string('x', TokenBytes);

    private static long Seq(ReceivedFrame frame)
    {
        Assert.Equal("tokens", frame.Event);
        return frame.Payload["seq"]!.GetValue<long>();
    }

    private static long PeakBytes(string detail) =>
        long.Parse(PeakPattern().Match(detail).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"peak queue (\d+) B")]
    private static partial Regex PeakPattern();
}
