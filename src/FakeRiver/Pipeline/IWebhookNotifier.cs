using System.Text.Json.Nodes;
using FakeRiver.Requests;

namespace FakeRiver.Pipeline;

/// <summary>The pipeline's view of webhooks: which notification to send; Webhooks/ decides how.</summary>
internal interface IWebhookNotifier
{
    /// <summary>Standard workflow finished: <c>task.completed</c> with <c>status:"success"</c>.</summary>
    void Completed(RiverRequest request, AiOutput data, AiRunMeta meta);

    /// <summary>Event-driven workflow generated: <c>task.ai_generated</c> with the callback URL.</summary>
    void AiGenerated(RiverRequest request, AiOutput data, AiRunMeta meta);

    /// <summary>Every provider failed: <c>task.completed</c> with <c>status:"error"</c>.</summary>
    void Failed(RiverRequest request, string code, string message, AiRunMeta meta);
}
