using System.Globalization;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using StackExchange.Redis;

namespace FakeRiver.Cluster;

/// <summary>The fields of a request's Redis hash: who owns it, and everything another node needs to end it.</summary>
internal static class RequestRecord
{
    public const string Owner = "owner";
    public const string Project = "project";
    public const string Base = "base";
    public const string Workflow = "workflow";
    public const string Created = "created";
    public const string Body = "body";
    public const string CustomerData = "customer_data";
    public const string WebhookUrl = "webhook_url";
    public const string EventName = "event_name";
    public const string Final = "final";

    public static HashEntry[] Fields(RiverRequest request, string nodeId)
    {
        var fields = new List<HashEntry>
        {
            new(Owner, nodeId),
            new(Project, request.ProjectId),
            new(Base, request.PublicBaseUri.ToString()),
            new(Workflow, request.Workflow.Name),
            new(Created, request.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new(Body, request.Body.ToJsonString()),
            new(CustomerData, request.CustomerData.ToJsonString()),
        };
        if (request.WebhookUrl is not null) fields.Add(new(WebhookUrl, request.WebhookUrl));
        if (request.EventName is not null) fields.Add(new(EventName, request.EventName));
        return [.. fields];
    }

    public static JsonObject ParseObject(RedisValue value) =>
        value.IsNull ? [] : JsonNode.Parse(value.ToString()) as JsonObject ?? [];
}
