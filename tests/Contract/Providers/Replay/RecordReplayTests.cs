using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using Contract.Providers.OpenAi;
using FakeRiver.Recording;
using FakeRiver.Requests;
using WireMock.ResponseBuilders;

namespace Contract.Providers.Replay;

/// <summary>
/// Record and replay end to end: an openai provider with record_to streams from a WireMock SSE upstream and
/// saves what it got; a replay provider plays that file back through the same pipeline.
/// </summary>
public sealed class RecordReplayTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("record-replay-").FullName;

    private string Fixture => Path.Combine(_folder, "fixture.json");

    [Fact]
    public async Task Record_SseUpstream_ChunksTimingUsageAndEndingSaved()
    {
        using var upstream = OpenAiUpstream.Start();
        var usage = "data: " + new JsonObject
        {
            ["id"] = "chatcmpl-123",
            ["object"] = "chat.completion.chunk",
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 9, ["completion_tokens"] = 3, ["total_tokens"] = 12 },
        }.ToJsonString() + "\n\n";
        var body = OpenAiUpstream.Sse("Hel", "lo", " there").Replace("data: [DONE]", usage + "data: [DONE]", StringComparison.Ordinal);
        upstream.Answer(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body)
            .WithDelay(TimeSpan.FromMilliseconds(150)));
        var call = ProviderCalls.Call(upstream.BaseUrl) is var c ? c with { Definition = c.Definition with { RecordTo = Fixture } } : null!;

        var (deltas, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider(TimeProvider.System).StreamAsync(call, CancellationToken.None));

        Assert.Null(error);
        Assert.Equal("Hello there", string.Concat(deltas));
        var recording = RecordingFile.Parse(await File.ReadAllTextAsync(Fixture));
        Assert.Equal(["Hel", "lo", " there"], recording.Chunks.Select(k => k.Content));
        Assert.True(recording.Chunks[0].AtMs >= 150, $"first chunk at {recording.Chunks[0].AtMs} ms");
        Assert.Equal(RecordingEnd.Done, recording.End);
        Assert.Equal("stop", recording.FinishReason);
        Assert.Equal(12, recording.Usage!["total_tokens"]!.GetValue<int>());
        Assert.Equal("ollama", recording.Provider);
    }

    [Fact]
    public async Task Record_Upstream429_FailureWithStatusAndRetryAfterSaved()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7"));
        var call = ProviderCalls.Call(upstream.BaseUrl) is var c ? c with { Definition = c.Definition with { RecordTo = Fixture } } : null!;

        var (_, error) = await ProviderCalls.DrainAsync(ProviderCalls.Provider(TimeProvider.System).StreamAsync(call, CancellationToken.None));

        Assert.NotNull(error);
        var recording = RecordingFile.Parse(await File.ReadAllTextAsync(Fixture));
        Assert.Equal(RecordingEnd.Failed, recording.End);
        Assert.Equal("http_429", recording.Fault);
        Assert.Equal(429, recording.Status);
        Assert.Equal(7, recording.RetryAfterSeconds);
    }

    [Fact]
    public async Task Record_StreamCutMidway_SavedAsCut()
    {
        using var upstream = OpenAiUpstream.Start();
        upstream.AnswerSse(OpenAiUpstream.SseCut("one ", "two "));
        var call = ProviderCalls.Call(upstream.BaseUrl) is var c ? c with { Definition = c.Definition with { RecordTo = Fixture } } : null!;

        await ProviderCalls.DrainAsync(ProviderCalls.Provider(TimeProvider.System).StreamAsync(call, CancellationToken.None));

        var recording = RecordingFile.Parse(await File.ReadAllTextAsync(Fixture));
        Assert.Equal(RecordingEnd.Cut, recording.End);
        Assert.Equal(["one ", "two "], recording.Chunks.Select(k => k.Content));
    }

    [Fact]
    public async Task RecordThenReplay_ThroughFakeRiver_ReplayStreamsTheSameTextWithoutTheUpstream()
    {
        string recorded;
        using (var upstream = OpenAiUpstream.Start())
        {
            upstream.AnswerSse(OpenAiUpstream.Sse("Rivers ", "flow ", "to ", "the ", "sea."));
            var (response, _) = await RunAsync($"""
                      - provider: ollama
                        model: llama3.2
                        type: openai
                        base_url: {upstream.BaseUrl}
                        record_to: {Fixture}
                """);
            recorded = Content(response);
        }

        var (replayed, request) = await RunAsync($"""
                  - provider: ollama
                    model: llama3.2
                    type: replay
                    fixture: {Fixture}
                    replay_speed: 0
            """);

        Assert.Equal("Rivers flow to the sea.", recorded);
        Assert.Equal(recorded, Content(replayed));
        Assert.Equal(5, request.Log.LastSeq);
        Assert.Equal("ollama", replayed["meta"]!["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replay_CutRecordingAsPrimary_BackupReplayContinuesTheText()
    {
        RecordingFile.Write(Fixture, new StreamRecording
        {
            Provider = "ollama",
            Model = "llama3.2",
            End = RecordingEnd.Cut,
            EndMs = 50,
            Chunks = [new(10, "Rivers "), new(20, "flow ")],
        });
        var full = Path.Combine(_folder, "full.json");
        RecordingFile.Write(full, new StreamRecording
        {
            Provider = "vllm",
            Model = "qwen",
            End = RecordingEnd.Done,
            EndMs = 90,
            Chunks = [new(10, "Rivers "), new(20, "flow "), new(30, "to the sea.")],
        });

        var (response, request) = await RunAsync($"""
                  - provider: ollama
                    model: llama3.2
                    type: replay
                    fixture: {Fixture}
                    replay_speed: 0
                  - provider: vllm
                    model: qwen
                    type: replay
                    fixture: {full}
                    replay_speed: 0
            """);

        var attempts = response["meta"]!["attempts"]!.AsArray();
        Assert.Equal("connection_reset", attempts[0]!["reason"]!.GetValue<string>());
        Assert.Equal("success", attempts[1]!["status"]!.GetValue<string>());
        // The backup's recording repeats "Rivers flow "; the overlap cut keeps the stream free of duplicates.
        Assert.Equal("Rivers flow to the sea.", Content(response));
        Assert.Equal(Content(response), request.Log.CommittedText);
    }

    private static string Content(JsonObject response) =>
        response["data"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>();

    private static async Task<(JsonObject Response, RiverRequest Request)> RunAsync(string providersYaml)
    {
        var yaml = $"""
            workflows:
              - name: plain
                providers:
            {providersYaml}
            """;
        await using var host = HarnessHost.Start(new HarnessOptions { WithBackend = false, WorkflowYaml = yaml });
        var started = await AsyncApi.StartAsync(host, AsyncApi.ChatBody("plain"));
        Assert.True(host.RiverService<RequestRegistry>().TryGet(started["channel_id"]!.GetValue<string>(), out var request));
        return (await ChannelWatch.WaitForResponseAsync(request.Log, "success"), request);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
