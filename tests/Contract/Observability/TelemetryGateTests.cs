using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using FakeRiver.Observability;
using FakeRiver.Requests;
using FakeRiver.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contract.Observability;

/// <summary>
/// The telemetry skips an event's data when nothing would record it (src/FakeRiver/Observability/RiverTelemetry.cs,
/// Recording): a meter listener alone, or a request span still open after its listener left, must still see
/// everything it saw before.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static RiverRequest NewRequest(RiverEventFeed feed, string channelId)
    {
        var request = new RiverRequest(channelId, "proj-1", new WorkflowDefinition { Name = "wf-gate", Providers = [] }, Start)
        {
            PublicBaseUri = new Uri("http://localhost/"),
        };
        request.Log.Observer = feed.ObserverFor(request);
        return request;
    }

    [Fact]
    public void Telemetry_MeterListenerOnly_CountsRequestsWithTheirWorkflowAndFailovers()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var telemetry = new RiverTelemetry(meters);
        var measured = new List<(string Instrument, long Value, object? Workflow)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            object? workflow = null;
            foreach (var tag in tags) if (tag.Key == "workflow") workflow = tag.Value;
            lock (measured) measured.Add((instrument.Name, value, workflow));
        });
        listener.Start();
        var feed = new RiverEventFeed(new FakeTimeProvider(Start), [telemetry]);
        var request = NewRequest(feed, "ch-meter");

        feed.Accepted(request);
        request.Log.PublishStatus(Encoding.UTF8.GetBytes("""{"status":"failover","channel_id":"ch-meter"}"""));

        Assert.Contains(("fakeriver.requests", 1L, (object?)"wf-gate"), measured);
        Assert.Contains(("fakeriver.failovers", 1L, (object?)null), measured);
    }

    [Fact]
    public void Telemetry_ListenerGoneWhileSpanOpen_FinalResponseStillEndsTheSpanWithItsTags()
    {
        var time = new FakeTimeProvider(Start);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var telemetry = new RiverTelemetry(services.GetRequiredService<IMeterFactory>());
        var feed = new RiverEventFeed(time, [telemetry]);
        var channelId = $"ch-gate-{Guid.NewGuid():N}";
        var request = NewRequest(feed, channelId);
        Activity? span = null;
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RiverTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity =>
            {
                if ((string?)activity.GetTagItem("fakeriver.channel_id") == channelId) span = activity;
            },
        };
        ActivitySource.AddActivityListener(listener);
        feed.Accepted(request);
        listener.Dispose();
        Assert.NotNull(span);
        request.Log.AppendToken("Hi", 1, "openai", "gpt-4o-mini");
        time.Advance(TimeSpan.FromMilliseconds(40));

        request.Log.PublishResponse(Encoding.UTF8.GetBytes("""{"status":"success","meta":{"provider":"openai"}}"""), isFinal: true);

        Assert.True(span.IsStopped);
        Assert.Equal("success", span.GetTagItem("fakeriver.status"));
        Assert.Equal(1L, span.GetTagItem("fakeriver.token_count"));
        Assert.Equal(TimeSpan.FromMilliseconds(40), span.Duration);
    }
}
