using System.Text.Json.Nodes;
using FakeRiver.Scenarios.Contracts;
using FakeRiver.Scenarios.Running;
using FakeRiver.Webhooks;

namespace FakeRiver.Scenarios.Checking;

/// <summary>Every message the runner saw, against its schema in contracts/ (docs/ARCHITECTURE.md 5).</summary>
internal static class ContractChecks
{
    public static IEnumerable<ScenarioFailure> Check(Observation seen, ContractSchemaSet contracts)
    {
        var browser = seen.Browser;
        var failures = new List<ScenarioFailure>();
        void Validate(string step, string schema, JsonNode? json) =>
            failures.AddRange(contracts.Validate(schema, json).Select(v =>
                new ScenarioFailure(step, $"contracts/{schema}.schema.json: {v.Rule}", "a conforming message", v.Value, v.Path)));

        if (browser.ChatStatus == 200) Validate("chat", "chatbackend-chat-response", browser.ChatBody);
        if (browser.ReconnectStatus == 200) Validate("reconnect", "reconnect-response", browser.ReconnectBody);
        for (var i = 0; i < browser.Frames.Count; i++)
        {
            var (connection, message) = browser.Frames[i];
            var step = $"socket {connection} frame {i + 1} ({message.Event})";
            Validate(step, "phoenix-frame-v2", new JsonArray(message.JoinRef, message.Ref, message.Topic, message.Event, message.Payload?.DeepClone()));
            var schema = message.Event switch
            {
                "tokens" => "channel-tokens",
                "status" => "channel-status",
                "response" => "channel-response",
                _ => null,
            };
            if (schema is not null) Validate(step, schema, message.Payload);
        }
        foreach (var exchange in browser.Sync)
        {
            var step = $"sync request {exchange.Request} try {exchange.Try}";
            if (exchange.Status != 200) Validate(step, "error-envelope", exchange.Body);
            else Validate(step, exchange.Body?["meta"] is null ? "sync-raw-response" : "sync-wrapped-response", exchange.Body);
        }
        foreach (var delivery in seen.Webhooks)
        {
            var schema = delivery.Type == WebhookBodyFactory.AiGeneratedType ? "webhook-event-driven" : "webhook-standard";
            Validate($"webhook {delivery.Type}", schema, JsonNode.Parse(delivery.Body));
        }
        foreach (var callback in seen.Callbacks)
        {
            if (callback.Body is not null) Validate("callback", "callback-request", JsonNode.Parse(callback.Body));
        }
        return failures;
    }
}
