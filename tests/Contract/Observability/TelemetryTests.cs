using System.Diagnostics;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Observability;
using FakeRiver.Requests;
using FakeRiver.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Contract.Observability;

/// <summary>The request story as OpenTelemetry traces and metrics, read back with the in-memory exporter.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private const string FailoverWorkflow = TestWorkflows.ChatbotSchema + """

        workflows:
          - name: mr_chatbot_workflow
            event_name: new_chat
            structured_output: chatbot_response
            providers:
              - provider: openai
                model: gpt-4o-mini
                fault: { status: 429, retry_after_seconds: 30 }
              - provider: anthropic
                model: claude-3-5-haiku
        """;

    [Fact]
    public async Task Telemetry_FailoverChat_OneTraceWithAttemptWebhookAndCallbackSpansAndCounters()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var host = HarnessHost.Start(new HarnessOptions
        {
            WorkflowYaml = FailoverWorkflow,
            RiverServices = services => services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddSource(RiverTelemetry.SourceName).AddAspNetCoreInstrumentation().AddInMemoryExporter(spans))
                .WithMetrics(meters => meters.AddMeter(RiverTelemetry.MeterName).AddInMemoryExporter(metrics)),
        });

        // No socket: instant providers may finish before any join, and the trace does not depend on one.
        using var browser = host.BackendClient();
        var (chat, body) = await AsyncApi.PostAsync(browser, "/chat", AsyncApi.Json(new JsonObject { ["message"] = "Where is my parcel?" }));
        Assert.True(chat.IsSuccessStatusCode, body.ToJsonString());
        var channelId = body["channel_id"]!.GetValue<string>();
        Assert.True(host.RiverService<RequestRegistry>().TryGet(channelId, out var request));
        // Generous: this collection runs after the parallel ones, while their hosts may still be shutting down.
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(30));
        await host.RiverService<WebhookJournal>().WaitForAsync(d => d.Count == 1 && d[0].IsFinished, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));
        host.River.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.River.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var root = Assert.Single(spans, s => s.OperationName == "fakeriver.request");
        Assert.Equal(channelId, root.GetTagItem("fakeriver.channel_id"));
        spans = [.. spans.Where(s => s.TraceId == root.TraceId)];
        Assert.Equal("completed", root.GetTagItem("fakeriver.status"));
        // One trace per request: it starts at the HTTP request that was accepted, every FakeRiver span belongs to it.
        var accept = Assert.Single(spans, s => s.GetTagItem("url.path") is "/v1/ai/async");
        Assert.Equal(accept.SpanId, root.ParentSpanId);
        var children = spans.Where(s => s.ParentSpanId == root.SpanId).ToList();
        Assert.All(spans.Where(s => s.Source.Name == RiverTelemetry.SourceName), s => Assert.Equal(root.TraceId, s.TraceId));
        var attempts = children.Where(s => s.OperationName == "fakeriver.attempt").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        Assert.Equal("openai", attempts[0].GetTagItem("gen_ai.system"));
        Assert.Equal("http_429", attempts[0].GetTagItem("fakeriver.failure_reason"));
        Assert.Equal(30_000L, attempts[0].GetTagItem("fakeriver.retry_after_ms"));
        Assert.Equal("anthropic", attempts[1].GetTagItem("gen_ai.system"));
        Assert.Equal(ActivityStatusCode.Unset, attempts[1].Status);
        var webhook = Assert.Single(children, s => s.OperationName == "fakeriver.webhook");
        Assert.Equal(200, webhook.GetTagItem("http.response.status_code"));
        var callback = Assert.Single(children, s => s.OperationName == "fakeriver.callback");
        Assert.Equal(200, callback.GetTagItem("http.response.status_code"));
        // Spans carry the clock FakeRiver ran on (virtual here): they start within the request's span.
        Assert.All(children, s => Assert.InRange(s.StartTimeUtc, root.StartTimeUtc, root.StartTimeUtc + root.Duration + TimeSpan.FromSeconds(1)));

        var tokens = request.Log.LastSeq;
        Assert.Equal(1, Sum(metrics, "fakeriver.requests"));
        Assert.Equal(tokens, Sum(metrics, "fakeriver.tokens"));
        Assert.Equal(1, Sum(metrics, "fakeriver.failovers"));
        Assert.Equal(0, Sum(metrics, "fakeriver.webhook.retries"));
    }

    [Fact]
    public async Task Telemetry_NoOpenTelemetryConfigured_NoSdkRegistered()
    {
        await using var host = HarnessHost.StartRiverOnly();
        Assert.Null(host.River.Services.GetService<TracerProvider>());
        Assert.NotNull(host.River.Services.GetService<RiverTelemetry>());
    }

    private static long Sum(List<Metric> metrics, string name)
    {
        long total = 0;
        // Cumulative counters: the latest export of each metric holds the running total.
        var metric = metrics.LastOrDefault(m => m.Name == name);
        if (metric is null) return 0;
        foreach (ref readonly var point in metric.GetMetricPoints()) total += point.GetSumLong();
        return total;
    }
}
