using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Perf.Load.Processes;

namespace Perf.Load;

/// <summary>
/// One concurrency level: the FakeRiver streams, the limit's streams, then the accept comparison. Every server runs
/// in a process of its own, started fresh for the level (<see cref="ServerProcess"/>); the clients run in this one.
/// </summary>
public static class LevelRunner
{
    public static async Task<LevelResult> RunAsync(int streams, LoadOptions options)
    {
        // Generous: a level that takes this long has hung, and the report should still be written.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120) + TimeSpan.FromMilliseconds(options.Tokens * options.PaceMs * 4.0)
            + TimeSpan.FromMilliseconds(streams * 40.0));
        var ct = timeout.Token;
        var gates = new SetupGates(SetupGates.DefaultWidth);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromMinutes(5),
        };

        var body = new JsonObject
        {
            ["workflow"] = RiverStack.AcceptWorkflow,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
        }.ToJsonString();
        var tokenArgs = new[] { "--tokens", Inv(options.Tokens), "--pace-ms", Inv(options.PaceMs) };

        StreamMetrics river;
        AcceptResult riverAccept;
        string pendingJson;
        double coldStartMs;
        await using (var fakeRiver = await ServerProcess.StartAsync("river", tokenArgs))
        {
            coldStartMs = fakeRiver.ColdStartMs;
            await using var backend = await ServerProcess.StartAsync("backend", "--port", Inv(FreePort.Next()), "--river", fakeRiver.Url);
            var chatUrl = new Uri($"{backend.Url}/chat");
            // Warm-up (JIT, connection pools), not measured.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ChatSession.RunAsync(http, chatUrl, RiverStack.WarmupWorkflow, RiverStack.WarmupTokens, gates, ct)));
            await WaitForWebhooksAsync(http, fakeRiver.Url, 4, ct);
            // The admin API takes writes only as application/json (README.md, "Security and limits").
            using (var reset = await http.PostAsync($"{fakeRiver.Url}/__admin/reset", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), ct))
                reset.EnsureSuccessStatusCode();

            var riverMeter = await fakeRiver.MeterAsync();
            var backendMeter = await backend.MeterAsync();
            var meter = new ProcessMeter();
            var records = await Task.WhenAll(Enumerable.Range(0, streams).Select(_ => ChatSession.RunAsync(http, chatUrl, RiverStack.StreamWorkflow, options.Tokens, gates, ct)));
            var usage = await meter.StopAsync();
            await meter.DisposeAsync();
            await WaitForWebhooksAsync(http, fakeRiver.Url, records.Count(r => r.FinalAt != 0), ct);
            var servers = new Dictionary<string, ProcessUsage>
            {
                ["fakeriver"] = await riverMeter.StopAsync(),
                ["chatbackend"] = await backendMeter.StopAsync(),
            };
            var journal = await RiverJournal.ReadAsync(http, fakeRiver.Url);
            river = StreamMetrics.From(records, options.PaceMs, usage, journal, withAccept: true, servers, "fakeriver");

            pendingJson = await PendingJsonAsync(http, $"{fakeRiver.Url}/v1/ai/async", body, ct);
            await backend.DisposeAsync();
            riverAccept = await AcceptBench.RunAsync(http, fakeRiver, body, options.AcceptRequests, AcceptConcurrency(streams, options));
        }

        StreamMetrics limit;
        await using (var server = await ServerProcess.StartAsync("limit", tokenArgs))
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => LimitSession.RunAsync(server.Url, -1 - i, RiverStack.WarmupTokens, gates, ct)));
            var serverMeter = await server.MeterAsync();
            var meter = new ProcessMeter();
            var records = await Task.WhenAll(Enumerable.Range(0, streams).Select(i => LimitSession.RunAsync(server.Url, i, options.Tokens, gates, ct)));
            var usage = await meter.StopAsync();
            await meter.DisposeAsync();
            var servers = new Dictionary<string, ProcessUsage> { ["limit"] = await serverMeter.StopAsync() };
            limit = StreamMetrics.From(records, options.PaceMs, usage, journal: null, withAccept: false, servers, "limit");
        }

        AcceptResult peerAccept;
        var pendingFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pendingFile, pendingJson, ct);
            await using var peer = await ServerProcess.StartAsync("wiremock", "--pending-file", pendingFile);
            peerAccept = await AcceptBench.RunAsync(http, peer, body, options.AcceptRequests, AcceptConcurrency(streams, options));
        }
        finally
        {
            File.Delete(pendingFile);
        }
        return new LevelResult(streams, river, limit, riverAccept, peerAccept) { FakeRiverColdStartMs = coldStartMs };
    }

    private static string Inv(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
