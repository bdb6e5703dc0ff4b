using System.Text.Json.Nodes;
using FakeRiver.Observability;
using FakeRiver.Requests;
using Microsoft.Extensions.Options;

namespace FakeRiver.Api;

/// <summary>Turns a validated request into a (registered) <see cref="RiverRequest"/> with a fresh channel id.</summary>
internal sealed class RequestFactory(RequestRegistry registry, RandomSource random, TimeProvider time, IOptions<FakeRiverOptions> options,
    RiverEventFeed events)
{
    /// <param name="spec">The validated request.</param>
    /// <param name="body">The body as received, freshly parsed for this request: the request takes it over (the
    /// spec's customer_data holds clones, so nothing else points into it).</param>
    /// <param name="publicBaseUri">Where the request came in (callback and socket URLs point back there).</param>
    /// <param name="projectId">The caller's project; null means the configured one.</param>
    /// <param name="faults">Webhook and callback faults the request took at accept.</param>
    /// <param name="register">False for sync requests: they answer in the HTTP response and have no channel to join.</param>
    public RiverRequest Create(AsyncRequestSpec spec, JsonObject body, Uri publicBaseUri, string? projectId = null, InjectedFaults? faults = null,
        bool register = true)
    {
        var request = new RiverRequest(random.NewUuid(), projectId ?? options.Value.ProjectId, spec.Workflow, time.GetUtcNow())
        {
            Faults = faults ?? InjectedFaults.None,
            Body = body,
            CustomerData = spec.CustomerData,
            WebhookUrl = spec.WebhookUrl,
            EventName = spec.EventName,
            PublicBaseUri = publicBaseUri,
        };
        request.Log.Observer = events.ObserverFor(request);
        if (register) registry.Add(request);
        events.Accepted(request);
        return request;
    }
}
