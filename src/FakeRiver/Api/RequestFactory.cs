using System.Text.Json.Nodes;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Api;

/// <summary>Turns a validated request into a (registered) <see cref="RiverRequest"/> with a fresh channel id.</summary>
public sealed class RequestFactory(RequestRegistry registry, RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
{
    /// <param name="register">False for sync requests: they answer in the HTTP response and have no channel to join.</param>
    public RiverRequest Create(AsyncRequestSpec spec, JsonObject body, Uri publicBaseUri, bool register = true)
    {
        var request = new RiverRequest(random.NewUuid(), options.Value.ProjectId, spec.Workflow, time.GetUtcNow())
        {
            Body = (JsonObject)body.DeepClone(),
            CustomerData = spec.CustomerData,
            WebhookUrl = spec.WebhookUrl,
            EventName = spec.EventName,
            PublicBaseUri = publicBaseUri,
        };
        if (register) registry.Add(request);
        return request;
    }
}
