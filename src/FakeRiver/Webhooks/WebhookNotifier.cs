using System.Text.Json.Nodes;
using FakeRiver.Pipeline;
using FakeRiver.Requests;

namespace FakeRiver.Webhooks;

/// <summary>
/// The pipeline's webhook notifications, printed by <see cref="WebhookBodyFactory"/>'s text variants (no JsonObject
/// body is built) and sent by the dispatcher.
/// </summary>
internal sealed class WebhookNotifier(WebhookDispatcher dispatcher, TimeProvider time) : IWebhookNotifier
{
    public void Completed(RiverRequest request, AiOutput data, AiRunMeta meta) =>
        dispatcher.Enqueue(request, WebhookBodyFactory.StandardText(request, data, meta, time.GetUtcNow()));

    public void AiGenerated(RiverRequest request, AiOutput data, AiRunMeta meta) =>
        dispatcher.Enqueue(request, WebhookBodyFactory.EventDrivenText(request, data, meta, time.GetUtcNow()));

    public void Failed(RiverRequest request, string code, string message, AiRunMeta meta) =>
        dispatcher.Enqueue(request, WebhookBodyFactory.ErrorText(request, message, code, meta, time.GetUtcNow()));
}
