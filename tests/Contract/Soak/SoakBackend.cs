using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Contract.Soak;

/// <summary>
/// The smallest backend for the soak: answers every webhook 200 and, for <c>task.ai_generated</c>, first calls back
/// FakeRiver with the data (as the reference backend does), so event-driven requests complete. Keeps nothing.
/// </summary>
internal sealed class SoakBackend(Func<HttpClient> river) : HttpMessageHandler
{
    private readonly Lazy<HttpClient> _river = new(river);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var webhook = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
        if (webhook["type"]?.GetValue<string>() == "task.ai_generated")
        {
            var callback = new JsonObject { ["data"] = new JsonObject { ["reply"] = "ok" }, ["task_id"] = "soak" };
            using var content = new StringContent(callback.ToJsonString(), Encoding.UTF8, "application/json");
            using var answer = await _river.Value.PostAsync($"/v1/callback/{webhook["channel_id"]!.GetValue<string>()}", content, cancellationToken);
        }
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
