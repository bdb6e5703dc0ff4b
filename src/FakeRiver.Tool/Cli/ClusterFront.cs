using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace FakeRiver.Cli;

/// <summary>
/// The one address of a cluster: a YARP reverse proxy that sends each request and each WebSocket upgrade to the next
/// node in turn. It passes the original Host on, so every node builds <c>websocket_url</c> and <c>callback_url</c>
/// from the front's address, not its own (docs/ARCHITECTURE.md 3.1).
/// </summary>
public static class ClusterFront
{
    public static WebApplication Create(string url, IReadOnlyList<string> nodeUrls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var route = new RouteConfig
        {
            RouteId = "all",
            ClusterId = "nodes",
            Match = new RouteMatch { Path = "{**catch-all}" },
            Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
        };
        var cluster = new ClusterConfig
        {
            ClusterId = "nodes",
            LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
            Destinations = nodeUrls.Select((node, i) => (Id: $"node{i + 1}", Address: node))
                .ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address }),
        };
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
