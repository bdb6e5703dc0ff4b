using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FakeRiver.Testing;
using Perf.Load;
using StackExchange.Redis;

namespace Perf.Cluster;

/// <summary>
/// <c>cluster-cost</c>: what sharing state in Redis costs, at N concurrent streams, in one run (README "Cluster"):
/// accept CPU per request and accept latency, and each token's lateness against its own stream's schedule
/// (arrival − (first arrival + (seq − 1) × pace)), for one in-memory node, a Redis node streaming its own requests,
/// and two Redis nodes (accept on one, socket on the other); plus Redis keys and memory per live stream.
/// </summary>
public static class ClusterCostCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var streams = Option(args, "--streams", 100);
        var tokens = Option(args, "--tokens", 50);
        var paceMs = Option(args, "--pace-ms", 20);
        var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine("tests", "Perf", "results");
        var workflow = $"""
            workflows:
              - name: paced
                text_tokens: {tokens}
                providers:
                  - provider: openai
                    model: gpt-4o-mini
                    ttft_ms: 20
                    tokens_per_second: {1000 / paceMs}
            """;

        var machine = MachineInfo.Capture(Directory.GetCurrentDirectory());
        await using var redis = await RedisProcess.StartAsync();
        // Warm-up (JIT, connection pools, Lua script cache), discarded: the first mode measured would pay it alone.
        await MeasureAsync("warm-up", workflow, null, crossNode: false, 20, tokens, paceMs);
        await MeasureAsync("warm-up", workflow, redis.ConnectionString, crossNode: true, 20, tokens, paceMs);
        var rows = new List<ClusterCostRow>
        {
            await MeasureAsync("in-memory, 1 node", workflow, null, crossNode: false, streams, tokens, paceMs),
            await MeasureAsync("Redis, socket on the accepting node", workflow, redis.ConnectionString, crossNode: false, streams, tokens, paceMs),
            await MeasureAsync("Redis, socket on another node", workflow, redis.ConnectionString, crossNode: true, streams, tokens, paceMs),
        };
        var report = Report(rows, streams, tokens, paceMs, machine, string.Join(' ', args));
        Console.WriteLine(report);
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "cluster-cost.md"), report);
        return rows.Any(r => r.Lost > 0) ? 1 : 0;
    }

    private static async Task<ClusterCostRow> MeasureAsync(string mode, string workflow, string? redis, bool crossNode, int streams, int tokens, int paceMs)
    {
        await using var owner = await StartNodeAsync(workflow, redis);
        await using var other = crossNode ? await StartNodeAsync(workflow, redis) : null;
        var reader = other ?? owner;
        using var stats = redis is null ? null : await ConnectionMultiplexer.ConnectAsync($"{redis},allowAdmin=true");
        var server = stats?.GetServers()[0];
        if (server is not null) await server.FlushDatabaseAsync();
        var (keysBefore, bytesBefore) = server is null ? (0L, 0L) : await RedisFootprintAsync(server);

        // Accept: N concurrent POSTs; CPU of this process (servers and driver) over the phase.
        using var http = owner.CreateClient();
        var meter = new ProcessMeter();
        var acceptTimes = new long[streams];
        var answers = await Task.WhenAll(Enumerable.Range(0, streams).Select(async i =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/v1/ai/async", new { workflow = "paced", messages = new[] { new { role = "user", content = "Hi" } } });
            acceptTimes[i] = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }));
        var acceptUsage = await meter.StopAsync();

        var halfway = new CountdownEvent(streams);
        var footprint = Task.Run(async () =>
        {
            halfway.Wait(TimeSpan.FromSeconds(60));
            return server is null ? (0L, 0L) : await RedisFootprintAsync(server);
        });
        var results = await Task.WhenAll(answers.Select(answer => ReadStreamAsync(reader, answer, tokens, paceMs, halfway)));
        var (keysDuring, bytesDuring) = await footprint;

        var lateness = results.SelectMany(r => r.Lateness).ToList();
        var stats95 = LatencyStats.From(lateness);
        var accept = LatencyStats.From(acceptTimes);
        return new ClusterCostRow(mode,
            Math.Round(acceptUsage.CpuSeconds * 1000 / streams, 3), accept.P50Ms, accept.P99Ms,
            stats95.P50Ms, stats95.P95Ms, stats95.P99Ms,
            results.Count(r => !r.Complete),
            server is null ? null : Math.Round((keysDuring - keysBefore) / (double)streams, 1),
            server is null ? null : Math.Round((bytesDuring - bytesBefore) / (double)streams, 0));
    }

    private static async Task<(List<long> Lateness, bool Complete)> ReadStreamAsync(FakeRiverServer node, JsonObject answer, int tokens, int paceMs, CountdownEvent halfway)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var uri = PhoenixStreamClient.SocketUri($"ws://{node.BaseAddress.Authority}/socket", answer["ws_token"]!.GetValue<string>());
        await using var client = new PhoenixStreamClient(await node.ConnectWebSocketAsync(uri, cap.Token), TimeProvider.System);
        await client.JoinAsync(answer["websocket_channel"]!.GetValue<string>(), null, cap.Token);
        var lateness = new List<long>();
        long first = 0;
        var seqs = new List<long>();
        var signalled = false;
        while (await client.ReceiveAsync(cap.Token) is { } message)
        {
            if (message.Event == "tokens")
            {
                var now = Stopwatch.GetTimestamp();
                var seq = message.PayloadObject["seq"]!.GetValue<long>();
                seqs.Add(seq);
                if (seq == 1) first = now;
                else lateness.Add(Math.Max(0, (long)(Stopwatch.GetElapsedTime(first, now).TotalMicroseconds - (seq - 1) * paceMs * 1000)));
                if (!signalled && seq == tokens / 2)
                {
                    signalled = true;
                    halfway.Signal();
                }
            }
            if (message.Event == "response" && message.PayloadObject["status"]?.GetValue<string>() != "ai_generated") break;
        }
        if (!signalled) halfway.Signal();
        return (lateness, seqs.SequenceEqual(Enumerable.Range(1, tokens).Select(i => (long)i)));
    }

    private static async Task<(long Keys, long Bytes)> RedisFootprintAsync(IServer server)
    {
        var keys = await server.DatabaseSizeAsync();
        var memory = (await server.InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory").Value;
        return (keys, long.Parse(memory, CultureInfo.InvariantCulture));
    }

    private static Task<FakeRiverServer> StartNodeAsync(string workflow, string? redis) => FakeRiverServer.StartAsync(o =>
    {
        o.Transport = FakeRiverTransport.Loopback;
        o.WorkflowsYaml = workflow;
        if (redis is not null) o.Settings["FakeRiver:Redis"] = redis;
    });

    private static int Option(string[] args, string name, int fallback)
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string Report(List<ClusterCostRow> rows, int streams, int tokens, int paceMs, MachineInfo machine, string arguments)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Cluster cost: {streams} concurrent streams × {tokens} tokens, one every {paceMs} ms ({Environment.ProcessorCount} cores)");
        text.AppendLine();
        // The figures only mean something next to the machine, its load and the commit they were measured on.
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `dotnet run -c Release --project tests/Perf -- cluster-cost {arguments}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {machine.Cpu}, {machine.Cores} cores, {machine.Os}, {machine.Dotnet}, GC {machine.Gc}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- load average (1/5/15 min): {machine.LoadAverage} before, {MachineInfo.ReadLoadAverage()} after");
        text.AppendLine(CultureInfo.InvariantCulture, $"- git commit: {machine.GitCommit}");
        text.AppendLine();
        text.AppendLine("| mode | accept CPU ms/request | accept p50 ms | accept p99 ms | token lateness p50 ms | p95 ms | p99 ms | lost | Redis keys/stream | Redis bytes/stream |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Mode} | {r.AcceptCpuMsPerRequest} | {r.AcceptP50Ms} | {r.AcceptP99Ms} | {r.TokenLatenessP50Ms} | {r.TokenLatenessP95Ms} | {r.TokenLatenessP99Ms} | {r.Lost} | {r.RedisKeysPerStream?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {r.RedisBytesPerStream?.ToString(CultureInfo.InvariantCulture) ?? "–"} |");
        }
        return text.ToString();
    }
}
