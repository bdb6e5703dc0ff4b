using System.Text.Json.Nodes;
using FakeRiver.Observability;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Observability;

/// <summary>
/// A <c>tokens</c> sample's data is built on first read (src/FakeRiver/Observability/TokenSample.cs); what any
/// reader sees must be exactly what publishing the eager object gave.
/// </summary>
public sealed class TokenSampleEventTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, 123, TimeSpan.Zero);

    /// <summary>The event the sampler published before: the object built eagerly and stamped by Publish.</summary>
    private static RiverEvent Eager(long count, long elapsedMs, double? rate)
    {
        var feed = new RiverEventFeed(new FakeTimeProvider(Start), []);
        return feed.Publish(RiverEventKinds.Tokens, "ch-1", new JsonObject
        {
            ["count"] = count,
            ["elapsed_ms"] = elapsedMs,
            ["rate"] = rate,
        });
    }

    private static RiverEvent Lazy(long count, long elapsedMs, double? rate) =>
        new RiverEventFeed(new FakeTimeProvider(Start), []).PublishTokens("ch-1", count, elapsedMs, rate);

    [Theory]
    [InlineData(1L, 0L, null)]
    [InlineData(17L, 300L, 53.3)]
    [InlineData(500L, 9_980L, 50.0)]
    [InlineData(long.MaxValue, long.MaxValue, 0.1)]
    public void PublishTokens_AnySample_JsonAndDataEqualTheEagerEvent(long count, long elapsedMs, double? rate)
    {
        var eager = Eager(count, elapsedMs, rate);
        var lazy = Lazy(count, elapsedMs, rate);

        Assert.Equal((eager.Id, eager.At, eager.Kind, eager.ChannelId), (lazy.Id, lazy.At, lazy.Kind, lazy.ChannelId));
        Assert.Equal(eager.Json, lazy.Json);
        Assert.Equal(eager.Data.ToJsonString(), lazy.Data.ToJsonString());
        Assert.Equal(["count", "elapsed_ms", "rate", "id", "kind", "channel_id", "at"], lazy.Data.Select(p => p.Key));
        Assert.Equal(count, lazy.Data["count"]!.GetValue<long>());
        Assert.Equal(rate, lazy.Data["rate"]?.GetValue<double>());
    }

    [Fact]
    public void PublishTokens_ConcurrentFirstReads_AllSeeOneObjectEqualToTheEagerEvent()
    {
        const int Readers = 8;
        var expected = Eager(42, 840, 48.8).Json;
        for (var round = 0; round < 20; round++)
        {
            var lazy = Lazy(42, 840, 48.8);
            using var start = new Barrier(Readers);
            var seen = new (JsonObject Data, string Json)[Readers];
            var threads = Enumerable.Range(0, Readers).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                seen[i] = i % 2 == 0 ? (lazy.Data, lazy.Json) : (lazy.Data, lazy.Data.ToJsonString(FakeRiverJson));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.All(seen, s => Assert.Same(lazy.Data, s.Data));
            Assert.All(seen, s => Assert.Equal(expected, s.Json));
        }
    }

    [Fact]
    public void PublishTokens_CopiedWithWith_SharesTheOriginalData()
    {
        var lazy = Lazy(3, 100, 20.0);

        var copy = lazy with { Id = 99 };

        // As an eagerly built event's copy: the same data, stamped with the original id.
        Assert.Same(lazy.Data, copy.Data);
        Assert.Equal(1, copy.Data["id"]!.GetValue<long>());
    }

    [Fact]
    public void PublishTokens_SubscribersAndListeners_GetTheSampleWithItsData()
    {
        var listener = new Recorder();
        var feed = new RiverEventFeed(new FakeTimeProvider(Start), [listener]);
        using var subscription = feed.Subscribe(0)!;

        var published = feed.PublishTokens("ch-1", 5, 200, 20.0);

        Assert.True(subscription.Live.TryRead(out var live));
        Assert.Same(published, live);
        Assert.Same(published, Assert.Single(listener.Events));
        Assert.Same(published, Assert.Single(feed.ForChannel("ch-1")));
        Assert.Equal(Eager(5, 200, 20.0).Json, live.Json);
    }

    private static readonly System.Text.Json.JsonSerializerOptions FakeRiverJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class Recorder : IRiverEventListener
    {
        public List<RiverEvent> Events { get; } = [];

        public void OnEvent(RiverEvent evt) => Events.Add(evt);

        public void OnTokens(string channelId, int count)
        {
        }
    }
}
