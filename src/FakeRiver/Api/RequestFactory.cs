using System.Text.Json.Nodes;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Api;

/// <summary>Turns a validated async request into a registered <see cref="RiverRequest"/> with a fresh channel id.</summary>
public sealed class RequestFactory(RequestRegistry registry, RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options)
{
    public RiverRequest Create(AsyncRequestSpec spec, JsonObject body, Uri publicBaseUri)
    {
        var request = new RiverRequest(random.NewUuid(), options.Value.ProjectId, spec.Workflow, time.GetUtcNow())
        {
            Body = (JsonObject)body.DeepClone(),
            CustomerData = spec.CustomerData,
            WebhookUrl = spec.WebhookUrl,
            EventName = spec.EventName,
            PublicBaseUri = publicBaseUri,
        };
        registry.Add(request);
        return request;
    }
}
