using System.Globalization;
using FakeRiver.Hosting;

namespace FakeRiver.Cli;

/// <summary>
/// <c>cluster --nodes N --redis host:port</c>: N FakeRiver nodes sharing state in one Redis, behind a round-robin
/// front on <c>--urls</c> (README "Cluster"). Every other argument is FakeRiver configuration given to each node.
/// </summary>
public static class ClusterCommand
{
    public const string Usage = "FakeRiver cluster --nodes N --redis host:port [--urls http://127.0.0.1:5080] [settings for every node]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Parse(args) is not { } parsed)
        {
            await Console.Error.WriteLineAsync($"Usage: {Usage}");
            return StartupErrors.BadInput;
        }
        await using var cluster = await StartAsync(parsed);
        Console.WriteLine($"""
            FakeRiver cluster on {cluster.FrontUrl}: {cluster.Nodes.Count} nodes ({string.Join(", ", cluster.Nodes.Select(FakeRiverApp.ListeningUrl))}),
            state in Redis at {parsed.Redis}. Ctrl+C stops all.
            """);
        await cluster.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Starts the nodes, then the front; a node that cannot start (e.g. no Redis) stops everything.</summary>
    public static async Task<RunningCluster> StartAsync(ClusterArguments parsed)
    {
        var nodes = new List<WebApplication>();
        try
        {
            for (var i = 0; i < parsed.Nodes; i++)
            {
                var node = FakeRiverApp.Create([.. parsed.NodeArgs, "--urls", "http://127.0.0.1:0", $"--FakeRiver:Redis={parsed.Redis}"]);
                await node.StartAsync();
                nodes.Add(node);
            }
            var front = ClusterFront.Create(parsed.Url, [.. nodes.Select(FakeRiverApp.ListeningUrl)]);
            await front.StartAsync();
            return new RunningCluster(front, nodes);
        }
        catch
        {
            foreach (var node in nodes) await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes <c>--nodes</c>, <c>--redis</c> (or FakeRiver:Redis) and <c>--urls</c> out; the rest go to every node.</summary>
    public static ClusterArguments? Parse(string[] args)
    {
        var rest = new List<string>();
        string? nodes = null, redis = null, url = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] ? (n, (string?)v) : (args[i], null);
            if (name is not ("--nodes" or "--redis" or "--urls" or "--FakeRiver:Redis"))
            {
                rest.Add(args[i]);
                continue;
            }
            value ??= i + 1 < args.Length ? args[++i] : null;
            switch (name)
            {
                case "--nodes": nodes = value; break;
                case "--urls": url = value; break;
                default: redis = value; break;
            }
        }
        if (!int.TryParse(nodes, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 64) return null;
        if (string.IsNullOrWhiteSpace(redis)) return null;
        return new ClusterArguments(count, redis, url ?? DevDefaults.Url, rest);
    }
}
