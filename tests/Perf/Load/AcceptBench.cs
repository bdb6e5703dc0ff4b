using System.Net.Http.Headers;
using System.Text;

namespace Perf.Load;

/// <summary>
/// The async-accept throughput driver: a fixed number of identical <c>POST /v1/ai/async</c> requests from a fixed
/// number of workers over one HttpClient, after a warm-up. The same driver runs against FakeRiver and the peer.
/// </summary>
public static class AcceptBench
{
    public static async Task<AcceptResult> RunAsync(HttpClient http, string url, string body, int requests, int concurrency)
    {
        await DriveAsync(http, url, body, Math.Min(200, requests), concurrency, []);
        var latencies = new List<long>(requests);
        var meter = new ProcessMeter();
        var started = Ticks.Now();
        var failures = await DriveAsync(http, url, body, requests, concurrency, latencies);
        var seconds = Ticks.ToMilliseconds(Ticks.Now() - started) / 1000;
        var usage = await meter.StopAsync();
        await meter.DisposeAsync();
        return new AcceptResult(requests, concurrency, Math.Round(seconds, 3), Math.Round(requests / seconds, 1), failures, LatencyStats.From(latencies), usage);
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
