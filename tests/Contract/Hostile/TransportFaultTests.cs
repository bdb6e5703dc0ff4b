using System.Text;

namespace Contract.Hostile;

/// <summary>
/// Regressions found by the hostile suite, each on real Kestrel: transport faults and bodies that used to be 500s are
/// now 4xx with the envelope, and a rejected callback leaves its request waiting for a correct one.
/// </summary>
public class TransportFaultTests : IAsyncLifetime
{
    private HostileApps _apps = null!;

    public Task InitializeAsync()
    {
        _apps = HostileApps.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _apps.DisposeAsync();

    private Task<RawHttpResponse> SendAsync(TargetApp app, string raw, InputEnding ending = InputEnding.Normal) =>
        RawHttpClient.SendAsync(_apps.EndPoint(app),
            new HttpInput("test", app, Encoding.Latin1.GetBytes(raw.Replace("{{HOST}}", _apps.EndPoint(app).ToString(), StringComparison.Ordinal)))
            { Ending = ending },
            TimeSpan.FromSeconds(20));

    private const string Auth = "Authorization: Bearer " + HostileApps.ApiKey + "\r\n";

    [Fact]
    public async Task Async_BadChunkSize_Returns400Envelope()
    {
        var response = await SendAsync(TargetApp.River,
            "POST /v1/ai/async HTTP/1.1\r\nHost: {{HOST}}\r\n" + Auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Async_ChunkSizeOverflow_Returns400Envelope()
    {
        // Kestrel reports this one as a plain IOException, not a BadHttpRequestException.
        var response = await SendAsync(TargetApp.River,
            "POST /v1/ai/async HTTP/1.1\r\nHost: {{HOST}}\r\n" + Auth + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
        Assert.Empty(_apps.Errors.Errors);
    }

    [Fact]
    public async Task Async_HostHeaderThatFormsNoUrl_Returns400AndRegistersNothing()
    {
        var before = _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count;

        var response = await SendAsync(TargetApp.River, Post("/v1/ai/async",
            "{\"workflow\":\"mr_chatbot_standard\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", Auth).Replace("Host: {{HOST}}", "Host: x_y..z:1", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
        Assert.Equal(before, _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count);
    }

    [Fact]
    public async Task Async_StalledBody_Returns408Envelope()
    {
        var response = await SendAsync(TargetApp.River,
            "POST /v1/ai/async HTTP/1.1\r\nHost: {{HOST}}\r\n" + Auth + "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"a\":",
            InputEnding.Stall);

        Assert.Equal(408, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Async_TruncatedBody_NoServerErrorAndNothingRegistered()
    {
        var before = _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count;

        var response = await SendAsync(TargetApp.River,
            "POST /v1/ai/async HTTP/1.1\r\nHost: {{HOST}}\r\n" + Auth + "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"a\":",
            InputEnding.HalfClose);

        // The client has gone: Kestrel may drop the 400. Either way no 5xx, nothing logged as a crash, nothing registered.
        Assert.True(response.Status is 0 or 400, response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(_apps.Errors.Errors);
        Assert.Equal(before, _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count);
    }

    [Theory]
    [InlineData("{\"workflow\":\"mr_chatbot_standard\",\"messages\":[{\"role\":\"user\",\"content\":\"\\ud800\"}]}")]
    [InlineData("{\"workflow\":\"mr_chatbot_standard\",\"workflow\":\"mr_chatbot_standard\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")]
    [InlineData("{\"workflow\":\"mr_chatbot_standard\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":1e400}")]
    public async Task Async_BodyThatUsedToBe500_Returns400AndRegistersNothing(string body)
    {
        var before = _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count;

        var response = await SendAsync(TargetApp.River, Post("/v1/ai/async", body, Auth));

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
        Assert.Equal(before, _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count);
    }

    [Theory]
    [InlineData("structured_output_schema", "{\"type\":\"object\",\"properties\":7}", 400)]
    [InlineData("structured_output_schema", "{\"type\":\"object\",\"required\":0}", 400)]
    // Not an inline schema at all (json_schema is no object): ignored as before, but no longer a 500.
    [InlineData("response_format", "{\"type\":\"json_schema\",\"json_schema\":[1]}", 200)]
    public async Task Async_InlineSchemaThatIsNoSchema_RefusedUpFrontNeverA500(string field, string schema, int expected)
    {
        var before = _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count;

        var response = await SendAsync(TargetApp.River, Post("/v1/ai/async",
            $"{{\"provider\":\"openai\",\"model\":\"m\",\"messages\":[{{\"role\":\"user\",\"content\":\"x\"}}],\"{field}\":{schema}}}", Auth));

        Assert.Equal(expected, response.Status);
        Assert.Empty(_apps.Errors.Errors);
        if (expected == 400)
        {
            Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
            Assert.Equal(before, _apps.RiverService<FakeRiver.Requests.RequestRegistry>().All().Count);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/yaml")]
    public async Task AdminWorkflowPut_DeeplyNestedBody_Returns400Quickly(string mediaType)
    {
        // 20,000 nested brackets used to keep the YAML parser busy for minutes (no answer within 20 s).
        var body = "{\"providers\":" + new string('[', 20_000) + new string(']', 20_000) + "}";

        var response = await SendAsync(TargetApp.River, Post("/__admin/workflows/deep", body, Auth)
            .Replace("POST", "PUT", StringComparison.Ordinal).Replace("application/json", mediaType, StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Callback_LoneSurrogateInData_Returns400AndTheRequestStillAwaitsAValidCallback()
    {
        var request = await StartEventDrivenAsync();

        var rejected = await SendAsync(TargetApp.River, Post($"/v1/callback/{request.ChannelId}", "{\"data\":{\"reply\":\"\\ud800\"}}", Auth));
        var stateAfterRejection = request.State;
        var accepted = await SendAsync(TargetApp.River, Post($"/v1/callback/{request.ChannelId}", "{\"data\":{\"reply\":\"ok\"}}", Auth));

        Assert.Equal(400, rejected.Status);
        Assert.True(Envelope.IsRiverEnvelope(rejected.Body), rejected.BodyText);
        Assert.Equal(FakeRiver.Requests.RequestState.AwaitingCallback, stateAfterRejection);
        Assert.Equal(200, accepted.Status);
        await request.Log.Finished.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(FakeRiver.Requests.RequestState.Completed, request.State);
    }

    [Theory]
    [InlineData("GET", "/v1/ai/async")]
    [InlineData("DELETE", "/v1/callback/abc")]
    [InlineData("PUT", "/__admin/reset")]
    public async Task River_WrongMethod_Returns405Envelope(string method, string path)
    {
        var response = await SendAsync(TargetApp.River, $"{method} {path} HTTP/1.1\r\nHost: {{{{HOST}}}}\r\n{Auth}Content-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal(405, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
        Assert.NotNull(RawHttpClient.Header(response.Headers, "Allow"));
    }

    [Fact]
    public async Task River_SocketPathWithoutUpgrade_Returns400Envelope()
    {
        var response = await SendAsync(TargetApp.River, "GET /socket/websocket?vsn=2.0.0 HTTP/1.1\r\nHost: {{HOST}}\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsRiverEnvelope(response.Body), response.BodyText);
    }

    [Theory]
    [InlineData("GET", "/chat", 405)]
    [InlineData("DELETE", "/webhook/modelriver", 405)]
    [InlineData("GET", "/no/such/route", 404)]
    public async Task Backend_WrongMethodOrRoute_ReturnsStatusInTheExampleErrorShape(string method, string path, int status)
    {
        var response = await SendAsync(TargetApp.Backend, $"{method} {path} HTTP/1.1\r\nHost: {{{{HOST}}}}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        Assert.Equal(status, response.Status);
        Assert.True(Envelope.IsBackendEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Backend_BadChunkSize_Returns400InTheExampleErrorShape()
    {
        var response = await SendAsync(TargetApp.Backend,
            "POST /chat HTTP/1.1\r\nHost: {{HOST}}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nq\r\n{}\r\n0\r\n\r\n");

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsBackendEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Backend_ChatMessageWithLoneSurrogate_Returns400NotTheGateway500()
    {
        var response = await SendAsync(TargetApp.Backend, Post("/chat", "{\"message\":\"hi \\ud800\"}", ""));

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsBackendEnvelope(response.Body), response.BodyText);
    }

    [Fact]
    public async Task Backend_WebhookWithLoneSurrogateKey_Returns400InTheExampleErrorShape()
    {
        var response = await SendAsync(TargetApp.Backend, Post("/webhook/modelriver", "{\"\\udfff\":1}",
            "X-ModelRiver-Signature: 00\r\nX-ModelRiver-Timestamp: 1\r\n"));

        Assert.Equal(400, response.Status);
        Assert.True(Envelope.IsBackendEnvelope(response.Body), response.BodyText);
    }

    private static string Post(string path, string body, string headers) =>
        $"POST {path} HTTP/1.1\r\nHost: {{{{HOST}}}}\r\n{headers}Content-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    private async Task<FakeRiver.Requests.RiverRequest> StartEventDrivenAsync()
    {
        var response = await SendAsync(TargetApp.River, Post("/v1/ai/async",
            "{\"workflow\":\"mr_chatbot_workflow\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", Auth));
        var channel = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!["channel_id"]!.GetValue<string>();
        Assert.True(_apps.RiverService<FakeRiver.Requests.RequestRegistry>().TryGet(channel, out var request));
        using var subscription = request.Log.Subscribe(0);
        if (!subscription.Replay.Any(e => e.Event == FakeRiver.Requests.ChannelEvent.Response))
        {
            await foreach (var evt in subscription.Live.ReadAllAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
            {
                if (evt.Event == FakeRiver.Requests.ChannelEvent.Response) break;
            }
        }
        return request;
    }
}
