using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace Contract.Cluster;

/// <summary>An in-memory webhook receiver shared by several nodes: records every body and answers 200.</summary>
public sealed class HookRecorder : HttpMessageHandler
{
    public ConcurrentQueue<JsonObject> Bodies { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null && JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken)) is JsonObject body)
            Bodies.Enqueue(body);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
    }
}
