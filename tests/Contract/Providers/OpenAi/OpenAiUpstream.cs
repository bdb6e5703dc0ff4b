using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Contract.Providers.OpenAi;

/// <summary>
/// A WireMock OpenAI-compatible server on 127.0.0.1 only (WireMockServer.Start listens on all interfaces unless told otherwise), one per test, plus helpers that
/// write realistic <c>chat.completion.chunk</c> SSE bodies.
/// </summary>
public sealed class OpenAiUpstream : IDisposable
{
    public const string Model = "llama3.2";

    private OpenAiUpstream(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    /// <summary>base_url as a workflow names it: the API root, with /v1.</summary>
    public Uri BaseUrl => new($"{Server.Url}/v1");

    public static OpenAiUpstream Start() =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"] }));

    /// <summary>A loopback port nobody listens on (bound, read, released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Answers POST /v1/chat/completions with <paramref name="response"/>.</summary>
    public void Answer(IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost()).RespondWith(response);

    public void AnswerSse(string body) =>
        Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body));

    /// <summary>The JSON bodies FakeRiver posted, in order.</summary>
    public IReadOnlyList<JsonObject> RequestBodies() =>
        [.. Server.LogEntries.Select(e => (JsonObject)JsonNode.Parse(e.RequestMessage!.Body!)!)];

    /// <summary>A complete stream as OpenAI sends it: role chunk, one chunk per piece, finish chunk, [DONE].</summary>
    public static string Sse(params string[] pieces) => SseWithoutDone(pieces) + "data: [DONE]\n\n";

    /// <summary>The same stream with the finish chunk and [DONE] left off, as when the connection drops.</summary>
    public static string SseCut(params string[] pieces) =>
        string.Concat(new[] { Delta(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) }
            .Concat(pieces.Select(p => Delta(new JsonObject { ["content"] = p }, null))));

    private static string SseWithoutDone(string[] pieces) =>
        SseCut(pieces) + Delta(new JsonObject(), "stop");

    public static string Delta(JsonObject delta, string? finishReason) =>
        "data: " + new JsonObject
        {
            ["id"] = "chatcmpl-123",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1767607200,
            ["model"] = Model,
            ["system_fingerprint"] = "fp_ollama",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
        }.ToJsonString() + "\n\n";

    public void Dispose() => Server.Stop();
}
