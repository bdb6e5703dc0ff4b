using System.Text.Json.Nodes;
using FakeRiver.Observability;

namespace FakeRiver.Requests;

/// <summary>An <c>accepted</c> event's data, built when first read (<see cref="LazyEventData"/>).</summary>
internal sealed class AcceptedEventData(string projectId, string workflow, string? eventName, string? webhookUrl, string state)
    : LazyEventData
{
    protected override JsonObject Fields() => new()
    {
        ["project_id"] = projectId,
        ["workflow"] = workflow,
        ["event_name"] = eventName,
        ["webhook_url"] = webhookUrl,
        ["state"] = state,
    };
}
