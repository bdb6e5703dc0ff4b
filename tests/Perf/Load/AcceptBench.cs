using System.Net.Http.Headers;
using System.Text;
using Perf.Load.Processes;

namespace Perf.Load;

/// <summary>
/// The async-accept throughput driver: a fixed number of identical <c>POST /v1/ai/async</c> requests from a fixed
/// number of workers over one HttpClient, after a warm-up. The same driver runs against FakeRiver and the peer; the
/// server's CPU and allocations are its own process's, until it is idle again after the last answer.
/// </summary>
public static class AcceptBench
{
    public static async Task<AcceptResult> RunAsync(HttpClient http, ServerProcess server, string body, int requests, int concurrency)
    {
        var url = $"{server.Url}/v1/ai/async";
        // One unmeasured pass of the same size first: a fresh peer process otherwise pays its JIT tier-up inside the
        // measured pass while FakeRiver (warmed by the stream phase) does not, which flattered FakeRiver's CPU ratio
        // ~5× in short runs (tests/Perf/README.md, "The peer").
        await DriveAsync(http, url, body, requests, concurrency, []);
        var serverMeter = await server.MeterAsync();
        await serverMeter.SettleAsync();
        serverMeter = await server.MeterAsync();
        var latencies = new List<long>(requests);
        var meter = new ProcessMeter();
        var started = Ticks.Now();
        var failures = await DriveAsync(http, url, body, requests, concurrency, latencies);
        var seconds = Ticks.ToMilliseconds(Ticks.Now() - started) / 1000;
        var client = await meter.StopAsync();
        await meter.DisposeAsync();
        // The background work each request started (FakeRiver: its one-token stream and final response) is counted.
        await serverMeter.SettleAsync();
        var usage = await serverMeter.StopAsync();
        return new AcceptResult(requests, concurrency, Math.Round(seconds, 3), Math.Round(requests / seconds, 1), failures, LatencyStats.From(latencies), usage, client);
    }

    private static async Task<int> DriveAsync(HttpClient http, string url, string body, int requests, int concurrency, List<long> latencies)
    {
        var next = 0;
        var failures = 0;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                var sent = Ticks.Now();
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RiverStack.ApiKey);
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                var micros = (long)Ticks.ToMicroseconds(Ticks.Now() - sent);
                lock (gate)
                {
                    latencies.Add(micros);
                    if (!response.IsSuccessStatusCode) failures++;
                }
            }
        }));
        return failures;
    }
}
