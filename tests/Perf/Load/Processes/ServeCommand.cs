using System.Globalization;
using ChatBackend;
using Microsoft.AspNetCore.Builder;

namespace Perf.Load.Processes;

/// <summary>
/// <c>serve &lt;role&gt;</c>: one server of the load run in a process of its own (started by <see cref="ServerProcess"/>).
/// Prints <c>ready &lt;url&gt;</c> once listening, answers each <c>stats</c> line on stdin with its GC counters
/// (<see cref="ServerStats"/>), and stops when stdin closes.
/// </summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0) return Usage();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2) options[args[i]] = args[i + 1];
        int Int(string name) => int.Parse(options[name], CultureInfo.InvariantCulture);

        IAsyncDisposable host;
        string url;
        switch (args[0])
        {
            case "river":
                var river = await RiverStack.StartRiverAsync(Int("--tokens"), Int("--pace-ms"));
                (host, url) = (river, river.Url);
                break;
            case "backend":
                url = $"http://127.0.0.1:{Int("--port")}";
                var backend = RiverStack.CreateBackend(url, options["--river"]);
                await backend.StartAsync();
                host = backend;
                break;
            case "limit":
                var limit = await LimitServer.StartAsync(Int("--tokens"), Int("--pace-ms"));
                (host, url) = (limit, limit.Urls.First());
                break;
            case "accept-limit":
                var acceptLimit = await AcceptLimitServer.StartAsync(await File.ReadAllTextAsync(options["--pending-file"]));
                (host, url) = (acceptLimit, acceptLimit.Urls.First());
                break;
            case "wiremock":
                var peer = WireMockPeer.Start(await File.ReadAllTextAsync(options["--pending-file"]));
                (host, url) = (new AsyncDisposer(peer), peer.Urls[0]);
                break;
            default:
                return Usage();
        }

        await using (host)
        {
            Console.WriteLine($"ready {url}");
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line == "stats") Console.WriteLine(ServerStats.Current().Format());
            }
        }
        if (args[0] == "backend") RiverStack.DeleteBackendDatabase();
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Perf serve river|limit --tokens M --pace-ms P | backend --port N --river URL | wiremock --pending-file F");
        return 2;
    }
}
