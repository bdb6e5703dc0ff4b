using System.Text.Json.Nodes;
using FakeRiver.Providers;
using FakeRiver.Providers.OpenAi;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;

namespace Contract.Providers.OpenAi;

/// <summary>The openai provider against a WireMock OpenAI-compatible server: streaming, request body, failures.</summary>
public class OpenAiProviderTests
{
    [Fact]
    public async Task Stream_CleanSse_DeltasConcatenateToContent()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.Sse("Hello", " there", ", how", " can I help?"));

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Null(error);
        Assert.Equal(["Hello", " there", ", how", " can I help?"], deltas);
    }

    [Fact]
    public async Task Stream_Request_PostsModelMessagesAndStreamTrue()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.Sse("ok"));

        await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        var body = Assert.Single(upstream.RequestBodies());
        Assert.Equal(OpenAiUpstream.Model, body["model"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"role":"user","content":"Hello"}]"""), body["messages"]));
        Assert.False(body.ContainsKey("response_format"));
    }

    [Fact]
    public async Task Stream_StructuredWorkflow_SendsJsonSchemaResponseFormat()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.Sse("{}"));
        var schema = (JsonObject)JsonNode.Parse("""{"type":"object","properties":{"reply":{"type":"string"}},"required":["reply"],"additionalProperties":false}""")!;

        await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl, schema: schema), CancellationToken.None));

        var format = Assert.Single(upstream.RequestBodies())["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal("chatbot_response", format["json_schema"]!["name"]!.GetValue<string>());
        Assert.True(format["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(schema, format["json_schema"]!["schema"]));
    }

    [Fact]
    public async Task Stream_ApiKeyEnvSet_SendsBearer()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.Sse("ok"));
        var provider = ProviderCalls.Provider(settings: new() { ["UPSTREAM_KEY"] = "sk-test-123" });

        await ProviderCalls.DrainAsync(provider.StreamAsync(ProviderCalls.Call(upstream.BaseUrl, apiKeyEnv: "UPSTREAM_KEY"), CancellationToken.None));

        var headers = Assert.Single(upstream.Server.LogEntries).RequestMessage!.Headers!;
        Assert.Equal("Bearer sk-test-123", Assert.Single(headers["Authorization"]));
    }

    [Fact]
    public async Task Stream_AfterFailover_AsksToContinueAndDropsRepeatedPrefix()
    {
        using var upstream = OpenAiUpstream.Start();
        // The continuing model re-emits the last words the client already has before going on.
        upstream.AnswerSse(OpenAiUpstream.Sse("quick br", "own fox", " jumps."));

        var (deltas, error) = await ProviderCalls.DrainAsync(
            ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl, committed: "The quick brown"), CancellationToken.None));

        Assert.Null(error);
        Assert.Equal("The quick brown fox jumps.", "The quick brown" + string.Concat(deltas));
        var messages = Assert.Single(upstream.RequestBodies())["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("assistant", messages[1]!["role"]!.GetValue<string>());
        Assert.Equal("The quick brown", messages[1]!["content"]!.GetValue<string>());
        Assert.Equal(OpenAiRequestBody.ContinueInstruction, messages[2]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Stream_ServerError_FailsWithHttpStatusReason(int status)
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(status).WithBody("""{"error":{"message":"overloaded"}}"""));

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        var failure = Assert.IsType<ProviderFailure>(error);
        Assert.Equal($"http_{status}", failure.Reason);
        Assert.Equal(status, failure.Status);
    }

    [Fact]
    public async Task Stream_429WithRetryAfterSeconds_FailsWithRetryAfter()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithBody("""{"error":{"message":"rate limited"}}"""));

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        var failure = Assert.IsType<ProviderFailure>(error);
        Assert.Equal("http_429", failure.Reason);
        Assert.Equal(TimeSpan.FromSeconds(7), failure.RetryAfter);
    }

    [Fact]
    public async Task Stream_429WithRetryAfterDate_MeasuredOnInjectedClock()
    {
        using var upstream = OpenAiUpstream.Start();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        upstream.Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "Mon, 05 Jan 2026 10:00:30 GMT"));

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider(clock).StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.IsType<ProviderFailure>(error).RetryAfter);
    }

    [Fact]
    public async Task Stream_MalformedChunk_FailsWithMalformedChunk()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.SseCut("Hi") + "data: {not json\n\n" + "data: [DONE]\n\n");

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Equal(["Hi"], deltas);
        Assert.Equal("malformed_chunk", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_ChunkWithoutChoices_FailsWithMalformedChunk()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse("data: {\"object\":\"chat.completion.chunk\"}\n\ndata: [DONE]\n\n");

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Equal("malformed_chunk", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_JsonInsteadOfEventStream_FailsWithMalformedResponse()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"choices":[]}"""));

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Equal("malformed_response", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_BodyEndsBeforeDone_FailsWithConnectionResetAfterDeltas()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.SseCut("Hello", " wor"));

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Equal(["Hello", " wor"], deltas);
        Assert.Equal("connection_reset", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_MalformedResponseChunkFault_FailsWithConnectionReset()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
            .WithBody(OpenAiUpstream.Sse("one", " two", " three", " four")).WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.True(string.Concat(deltas).Length < "one two three four".Length, string.Concat(deltas));
        Assert.Equal("connection_reset", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_EmptyResponseFault_FailsWithConnectionReset()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
            .WithBody(OpenAiUpstream.Sse("never")).WithFault(FaultType.EMPTY_RESPONSE));

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(upstream.BaseUrl), CancellationToken.None));

        Assert.Empty(deltas);
        Assert.Equal("connection_reset", Assert.IsType<ProviderFailure>(error).Reason);
    }

    [Fact]
    public async Task Stream_NobodyListening_FailsWithConnectionReset()
    {
        var closed = new Uri($"http://127.0.0.1:{OpenAiUpstream.FreePort()}/v1");

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider().StreamAsync(ProviderCalls.Call(closed), CancellationToken.None));

        var failure = Assert.IsType<ProviderFailure>(error);
        Assert.Equal("connection_reset", failure.Reason);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }
}
