using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Testing;

/// <summary>One async request as <c>GET /__admin/requests/{channel_id}</c> shows it, at the moment it was read.</summary>
/// <param name="ChannelId">The request's channel id.</param>
/// <param name="ProjectId">The project it belongs to.</param>
/// <param name="Workflow">The workflow name (ad-hoc requests get a generated one).</param>
/// <param name="EventName">The event name when event-driven, else null.</param>
/// <param name="State">Where the request is in its lifecycle.</param>
/// <param name="CreatedAt">When FakeRiver accepted it, on FakeRiver's clock.</param>
/// <param name="WebhookUrl">The request's own <c>webhook_url</c>, if it named one.</param>
/// <param name="TokenCount">Tokens streamed so far (the last <c>seq</c>).</param>
/// <param name="Text">The text committed so far (the concatenated token deltas).</param>
/// <param name="LatestResponse">The latest <c>response</c> payload on the channel, or null before any.</param>
/// <param name="AiData">The AI output (structured <c>data</c>) once generated.</param>
/// <param name="AiMeta">The AI run's <c>meta</c> (attempts, usage, durations) once generated.</param>
public sealed record RequestRecord(
    string ChannelId,
    string ProjectId,
    string Workflow,
    string? EventName,
    RequestState State,
    DateTimeOffset CreatedAt,
    string? WebhookUrl,
    long TokenCount,
    string Text,
    JsonObject? LatestResponse,
    JsonObject? AiData,
    JsonObject? AiMeta)
{
    /// <summary>True once the request reached a final state (succeeded, completed or failed).</summary>
    public bool IsFinal => State is RequestState.Succeeded or RequestState.Completed or RequestState.Failed;

    internal static RequestRecord From(RiverRequest request) => new(
        request.ChannelId, request.ProjectId, request.Workflow.Name, request.EventName, request.State, request.CreatedAt,
        request.WebhookUrl, request.Log.LastSeq, request.Log.CommittedText,
        request.Log.LatestResponse is { } response ? JsonNode.Parse(response.PayloadUtf8.Span) as JsonObject : null,
        request.AiData?.DeepClone() as JsonObject, request.AiMeta?.DeepClone() as JsonObject);
}
