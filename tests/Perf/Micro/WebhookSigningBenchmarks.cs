using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using FakeRiver.StructuredOutput;
using FakeRiver.Webhooks;
using FakeRiver.Workflows;
using ModelRiver.Wire.Json;

namespace Perf.Micro;

/// <summary>
/// What one webhook attempt costs before it hits the wire: the body printed as JSON.stringify prints it (twice, the
/// body and the signed <c>data</c>, as the dispatcher does) and both HMAC signatures. The data is the seeded
/// chatbot_response a simulated provider would answer, so the size is realistic.
/// </summary>
[MemoryDiagnoser]
public class WebhookSigningBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private JsonObject _body = null!;
    private WebhookDelivery _delivery = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schema = WorkflowFileLoader.LoadEmbeddedDefaults().StructuredOutputs["chatbot_response"];
        var data = (JsonObject)FakeDataGenerator.Generate(schema, seed: 42)!;
        var meta = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o-mini", ["status"] = "success" };
        _body = WebhookBodyFactory.Standard("0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50", "mr_chatbot_standard", data, meta, null, Now);
        _delivery = Serialize();
    }

    [Benchmark]
    public WebhookDelivery SerializeBody() => Serialize();

    [Benchmark]
    public IReadOnlyList<KeyValuePair<string, string>> Sign() => WebhookSigner.Sign(_delivery, Now, "fakeriver_dev_webhook_secret");

    [Benchmark]
    public IReadOnlyList<KeyValuePair<string, string>> SerializeAndSign() => WebhookSigner.Sign(Serialize(), Now, "fakeriver_dev_webhook_secret");

    private WebhookDelivery Serialize() => new()
    {
        Id = "wh_1",
        ChannelId = "0b6f1d6e-1c1e-4c53-9a53-4f1c2d3e4f50",
        Type = WebhookBodyFactory.CompletedType,
        Body = JsJson.Stringify(_body),
        DataText = JsJson.Stringify(_body["data"]),
    };
}
