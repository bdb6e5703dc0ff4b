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
        var warmPasses = await WarmAsync(http, server, url, body, requests, concurrency);
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
        return new AcceptResult(requests, concurrency, Math.Round(seconds, 3), Math.Round(requests / seconds, 1), failures, LatencyStats.From(latencies), usage, client)
        {
            WarmPasses = warmPasses,
        };
    }

    /// <summary>
    /// Unmeasured passes of the measured size until the server's CPU per request settles (two passes in a row
    /// within 10%, at most <see cref="MaxWarmPasses"/>). One fixed pass was not enough: a fresh WireMock.Net process
    /// was still tiering up its JIT after 10,000 requests (0.14–0.17 CPU ms per request, against 0.05 once warm),
    /// which flattered FakeRiver's ratios in <c>load</c> (tests/Perf/README.md, "The peer").
    /// </summary>
    private static async Task<int> WarmAsync(HttpClient http, ServerProcess server, string url, string body, int requests, int concurrency)
    {
        var previous = double.NaN;
        for (var pass = 1; ; pass++)
        {
            var meter = await server.MeterAsync();
            await DriveAsync(http, url, body, requests, concurrency, []);
            await meter.SettleAsync();
            var cpuPerRequest = meter.CpuSecondsSoFar / requests;
            if (pass >= MaxWarmPasses || Math.Abs(cpuPerRequest - previous) <= 0.1 * previous) return pass;
            previous = cpuPerRequest;
        }
    }

    private const int MaxWarmPasses = 6;

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
