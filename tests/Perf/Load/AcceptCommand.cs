using System.Globalization;
using System.Text.Json.Nodes;
using Perf.Load.Processes;

namespace Perf.Load;

/// <summary>
/// <c>accept [--requests R] [--concurrency C] [--rounds K]</c>: only the async-accept comparison of <c>load</c>
/// (FakeRiver's real accept with its one-token pipeline vs WireMock.Net's static stub, each in its own process), run
/// K times alternating the two servers, so a change to the accept path is measured in seconds instead of a full load
/// run and both sides see the same machine state. Prints one line per drive and the per-request CPU and allocation
/// ratios; writes nothing. A third process, the bare-Kestrel accept limit (<see cref="AcceptLimitServer"/>), is
/// driven the same way in each round: its ratios to WireMock.Net are the most any accept could reach here.
/// </summary>
public static class AcceptCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, int>(StringComparer.Ordinal) { ["--requests"] = 3000, ["--concurrency"] = 64, ["--rounds"] = 3 };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                await Console.Error.WriteLineAsync("usage: Perf accept [--requests R] [--concurrency C] [--rounds K]");
                return 2;
            }
            options[args[i]] = n;
        }
        var machine = MachineInfo.Capture(LoadCommand.RepoRoot());
        Console.WriteLine($"machine: {machine.Cpu}, {machine.Cores} cores, load {machine.LoadAverage}, commit {machine.GitCommit}");
        var body = new JsonObject
        {
            ["workflow"] = RiverStack.AcceptWorkflow,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
        }.ToJsonString();
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        await using var river = await ServerProcess.StartAsync("river", "--tokens", "1", "--pace-ms", "20");
        var pendingFile = Path.GetTempFileName();
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Post, $"{river.Url}/v1/ai/async") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") })
            {
                request.Headers.Authorization = new("Bearer", RiverStack.ApiKey);
                using var response = await http.SendAsync(request);
                await File.WriteAllTextAsync(pendingFile, await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            }
            await using var peer = await ServerProcess.StartAsync("wiremock", "--pending-file", pendingFile);
            await using var limit = await ServerProcess.StartAsync("accept-limit", "--pending-file", pendingFile);
            var ratios = new List<(double Cpu, double Rate)>();
            var limitRatios = new List<(double Cpu, double Rate)>();
            for (var round = 1; round <= options["--rounds"]; round++)
            {
                var fr = await AcceptBench.RunAsync(http, river, body, options["--requests"], options["--concurrency"]);
                var wm = await AcceptBench.RunAsync(http, peer, body, options["--requests"], options["--concurrency"]);
                Console.WriteLine(FormattableString.Invariant(
                    $"round {round}: FakeRiver {fr.RequestsPerSecond} req/s, {fr.CpuMsPerRequest} CPU ms, {fr.AllocatedBytesPerRequest} B per request, p99 {fr.Latency.P99Ms} ms, {fr.WarmPasses} warm-up passes | WireMock.Net {wm.RequestsPerSecond} req/s, {wm.CpuMsPerRequest} CPU ms, {wm.AllocatedBytesPerRequest} B, p99 {wm.Latency.P99Ms} ms, {wm.WarmPasses} warm-up passes | CPU ratio {fr.CpuMsPerRequest / wm.CpuMsPerRequest:F3}, rate ratio {fr.RequestsPerSecond / wm.RequestsPerSecond:F3}"));
                ratios.Add((fr.CpuMsPerRequest / wm.CpuMsPerRequest, fr.RequestsPerSecond / wm.RequestsPerSecond));
                var lim = await AcceptBench.RunAsync(http, limit, body, options["--requests"], options["--concurrency"]);
                Console.WriteLine(FormattableString.Invariant(
                    $"round {round}: limit {lim.RequestsPerSecond} req/s, {lim.CpuMsPerRequest} CPU ms, {lim.AllocatedBytesPerRequest} B per request, p99 {lim.Latency.P99Ms} ms, {lim.WarmPasses} warm-up passes, client {lim.ClientUsage.CpuSeconds * 1000 / lim.Requests:F3} CPU ms per request | limit vs WireMock.Net: CPU ratio {lim.CpuMsPerRequest / wm.CpuMsPerRequest:F3}, rate ratio {lim.RequestsPerSecond / wm.RequestsPerSecond:F3}"));
                limitRatios.Add((lim.CpuMsPerRequest / wm.CpuMsPerRequest, lim.RequestsPerSecond / wm.RequestsPerSecond));
            }
            Console.WriteLine(FormattableString.Invariant(
                $"median CPU ratio {Median(ratios.Select(r => r.Cpu)):F3}, median rate ratio {Median(ratios.Select(r => r.Rate)):F3}; limit vs WireMock.Net: median CPU ratio {Median(limitRatios.Select(r => r.Cpu)):F3}, median rate ratio {Median(limitRatios.Select(r => r.Rate)):F3}; load after {MachineInfo.ReadLoadAverage()}"));
        }
        finally
        {
            File.Delete(pendingFile);
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
