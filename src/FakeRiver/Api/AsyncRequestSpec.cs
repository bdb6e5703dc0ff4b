using System.Text.Json.Nodes;
using FakeRiver.Workflows;

namespace FakeRiver.Api;

/// <summary>A validated <c>POST /v1/ai/async</c> body.</summary>
internal sealed record AsyncRequestSpec(
    WorkflowDefinition Workflow,
    string? EventName,
    string? WebhookUrl,
    JsonObject CustomerData);
