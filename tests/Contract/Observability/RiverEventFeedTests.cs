using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace Contract.Observability;

public sealed class RiverEventFeedTests
{
    [Fact]
    public void RiverEventFeed_MoreEventsThanCapacity_KeepsTheNewest()
    {
        var feed = new RiverEventFeed(TimeProvider.System, []);
        for (var i = 0; i < RiverEventFeed.Capacity + 10; i++) feed.Publish(RiverEventKinds.Status, "c1", []);

        var kept = feed.All();
        Assert.Equal(RiverEventFeed.Capacity, kept.Count);
        Assert.Equal(11, kept[0].Id);
    }

    [Fact]
    public void RiverEventFeed_SlowSubscriber_LosesOnlyItsOldestQueuedEvents()
    {
        var feed = new RiverEventFeed(TimeProvider.System, []);
        using var subscription = feed.Subscribe(0)!;
        for (var i = 0; i < RiverEventFeed.SubscriberQueue + 5; i++) feed.Publish(RiverEventKinds.Status, "c1", []);

        var received = new List<long>();
        while (subscription.Live.TryRead(out var evt)) received.Add(evt.Id);
        Assert.Equal(RiverEventFeed.SubscriberQueue, received.Count);
        Assert.Equal(6, received[0]);
        Assert.Equal(RiverEventFeed.SubscriberQueue + 5, received[^1]);
    }

    [Fact]
    public void RiverEventFeed_TooManySubscribers_RefusesTheExtraOne()
    {
        var feed = new RiverEventFeed(TimeProvider.System, []);
        var open = Enumerable.Range(0, RiverEventFeed.MaxSubscribers).Select(_ => feed.Subscribe(0)!).ToList();
        Assert.Null(feed.Subscribe(0));
        open[0].Dispose();
        using var again = feed.Subscribe(0);
        Assert.NotNull(again);
        foreach (var subscription in open.Skip(1)) subscription.Dispose();
    }

    [Fact]
    public void RiverEventFeed_Subscribe_ReplaysRetainedEventsAfterTheGivenId()
    {
        var feed = new RiverEventFeed(TimeProvider.System, []);
        for (var i = 0; i < 5; i++) feed.Publish(RiverEventKinds.Tokens, "c1", new JsonObject { ["count"] = i });
        using var subscription = feed.Subscribe(3)!;
        Assert.Equal([4L, 5L], subscription.Replay.Select(e => e.Id));
        Assert.Equal("tokens", JsonNode.Parse(subscription.Replay[0].Json)!["kind"]!.GetValue<string>());
    }
}
