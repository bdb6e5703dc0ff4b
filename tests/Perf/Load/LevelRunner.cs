using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Perf.Load;

/// <summary>One concurrency level: the FakeRiver streams, the limit's streams, then the accept comparison.</summary>
public static class LevelRunner
{
    public static async Task<LevelResult> RunAsync(int streams, LoadOptions options)
    {
        // Generous: a level that takes this long has hung, and the report should still be written.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120) + TimeSpan.FromMilliseconds(options.Tokens * options.PaceMs * 4.0));
        var ct = timeout.Token;
        var gates = new SetupGates(SetupGates.DefaultWidth);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };

        StreamMetrics river;
        AcceptResult riverAccept;
        string pendingJson;
        await using (var stack = await RiverStack.StartAsync(options.Tokens, options.PaceMs))
        {
            var chatUrl = new Uri($"{stack.BackendUrl}/chat");
            // Warm-up (JIT, connection pools), not measured.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ChatSession.RunAsync(http, chatUrl, RiverStack.WarmupWorkflow, RiverStack.WarmupTokens, gates, ct)));
            await WaitForWebhooksAsync(http, stack.RiverUrl, 4, ct);
            // The admin API takes writes only as application/json (README.md, "Security and limits").
            using (var reset = await http.PostAsync($"{stack.RiverUrl}/__admin/reset", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct))
                reset.EnsureSuccessStatusCode();

            var meter = new ProcessMeter();
            var records = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => ChatSession.RunAsync(http, chatUrl, RiverStack.StreamWorkflow, options.Tokens, gates, ct)));
            var usage = await meter.StopAsync();
            await meter.DisposeAsync();
            await WaitForWebhooksAsync(http, stack.RiverUrl, records.Count(r => r.FinalAt != 0), ct);
            var journal = await RiverJournal.ReadAsync(http, stack.RiverUrl);
            river = StreamMetrics.From(records, options.PaceMs, usage, journal, withAccept: true);

            var acceptUrl = $"{stack.RiverUrl}/v1/ai/async";
            var body = new JsonObject
            {
                ["workflow"] = RiverStack.AcceptWorkflow,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            }.ToJsonString();
            pendingJson = await PendingJsonAsync(http, acceptUrl, body, ct);
            riverAccept = await AcceptBench.RunAsync(http, acceptUrl, body, options.AcceptRequests, AcceptConcurrency(streams, options));
        }

        StreamMetrics limit;
        await using (var server = await LimitServer.StartAsync(options.Tokens, options.PaceMs))
        {
            var url = server.Urls.First();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => LimitSession.RunAsync(url, -1 - i, RiverStack.WarmupTokens, gates, ct)));
            var meter = new ProcessMeter();
            var records = await Task.WhenAll(Enumerable.Range(0, streams).Select(i => LimitSession.RunAsync(url, i, options.Tokens, gates, ct)));
            var usage = await meter.StopAsync();
            await meter.DisposeAsync();
            limit = StreamMetrics.From(records, options.PaceMs, usage, journal: null, withAccept: false);
        }

        AcceptResult peerAccept;
        using (var peer = WireMockPeer.Start(pendingJson))
        {
            var body = new JsonObject { ["workflow"] = RiverStack.AcceptWorkflow, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }) }.ToJsonString();
            peerAccept = await AcceptBench.RunAsync(http, $"{peer.Urls[0]}/v1/ai/async", body, options.AcceptRequests, AcceptConcurrency(streams, options));
            peer.Stop();
        }
        return new LevelResult(streams, river, limit, riverAccept, peerAccept);
    }

    private static int AcceptConcurrency(int streams, LoadOptions options) => Math.Min(streams, options.AcceptConcurrencyCap);

    private static async Task<string> PendingJsonAsync(HttpClient http, string url, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", RiverStack.ApiKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>
    /// The backend answers a webhook only after its callback, so the completed frame can arrive before the webhook
    /// attempt is journaled: wait (briefly, on the journal itself) until every attempt is in.
    /// </summary>
    private static async Task WaitForWebhooksAsync(HttpClient http, string riverUrl, int expected, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            var deliveries = await http.GetFromJsonAsync<JsonArray>($"{riverUrl}/__admin/webhooks/", ct) ?? [];
            if (deliveries.Count(d => (d?["attempts"]?.AsArray().Count ?? 0) > 0) >= expected) return;
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct);
        }
    }
}
