using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;

namespace Contract.Admin;

/// <summary>The cross-site and token rules of /__admin, through the in-memory host (addressed as fakeriver.test).</summary>
public class AdminGuardTests
{
    [Fact]
    public async Task AdminWrite_TextPlainPost_Returns415AndResetsNothing()
    {
        await using var host = HarnessHost.StartRiverOnly();
        var started = await AsyncApi.StartAsync(host);
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/__admin/reset", new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "unsupported_media_type");
        Assert.Contains(started["channel_id"]!.GetValue<string>(), await ListedAsync(client));
    }

    [Fact]
    public async Task AdminWrite_NoContentType_Returns415()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/__admin/reset", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "unsupported_media_type");
    }

    [Fact]
    public async Task AdminWrite_JsonPost_Resets()
    {
        await using var host = HarnessHost.StartRiverOnly();
        await AsyncApi.StartAsync(host);
        using var client = host.RiverClient();

        var (response, body) = await AsyncApi.PostAsync(client, "/__admin/reset", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["reset"]!.GetValue<bool>());
        Assert.Empty(await ListedAsync(client));
    }

    [Fact]
    public async Task AdminWrite_YamlPostOrBodilessDelete_PassTheGuard()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();

        // YAML is no CORS-safelisted type either; DELETE is always preflighted cross-site, so it needs no body type.
        var (response, body) = await AsyncApi.PostAsync(client, "/__admin/reset", new StringContent("{}", Encoding.UTF8, "application/yaml"));
        var delete = await client.DeleteAsync("/__admin/faults/no-such-fault");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body["reset"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
    }

    [Theory]
    [InlineData("evil.test")]
    [InlineData("fakeriver.test.evil.test")]
    [InlineData("localhost.evil.test")]
    public async Task Admin_UnknownHost_Returns403AndResetsNothing(string hostHeader)
    {
        await using var host = HarnessHost.StartRiverOnly();
        var started = await AsyncApi.StartAsync(host);
        using var client = host.RiverClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/__admin/reset") { Content = AsyncApi.Json(new JsonObject()) };
        request.Headers.Host = hostHeader;

        var response = await client.SendAsync(request);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "admin_host_not_allowed");
        Assert.Contains(started["channel_id"]!.GetValue<string>(), await ListedAsync(client));
    }

    [Theory]
    [InlineData("http://evil.test", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("file://", HttpStatusCode.Forbidden)]
    [InlineData("http://fakeriver.test", HttpStatusCode.OK)]
    public async Task Admin_Origin_OnlyListenAddressesAllowed(string origin, HttpStatusCode expected)
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/requests");
        request.Headers.TryAddWithoutValidation("Origin", origin);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
            AsyncApi.AssertEnvelope((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "admin_origin_not_allowed");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer " + HarnessHost.ApiKey)]
    [InlineData("Basic czNjcjN0LWFkbWluLXRva2Vu")]
    public async Task Admin_TokenSetButMissingOrWrong_Returns401(string? authorization)
    {
        await using var host = WithAdminToken();
        using var client = host.RiverClient(authorized: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/requests");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        AsyncApi.AssertEnvelope((JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!, "invalid_admin_token");
    }

    [Fact]
    public async Task Admin_TokenSetAndSent_EveryRouteAnswers()
    {
        await using var host = WithAdminToken();
        using var client = host.RiverClient(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "s3cr3t-admin-token");

        foreach (var path in new[] { "/__admin/requests", "/__admin/callbacks", "/__admin/sockets", "/__admin/webhooks", "/__admin/webhooks/dead-letters" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/__admin/reset", AsyncApi.Json(new JsonObject()))).StatusCode);
    }

    [Fact]
    public async Task Admin_TokenSet_ApiRoutesStillUseTheApiKey()
    {
        await using var host = WithAdminToken();

        var started = await AsyncApi.StartAsync(host);

        Assert.False(string.IsNullOrEmpty(started["channel_id"]?.GetValue<string>()));
    }

    private static HarnessHost WithAdminToken() => HarnessHost.Start(new HarnessOptions
    {
        WithBackend = false,
        WorkflowYaml = TestWorkflows.Instant,
        RiverSettings = { ["FakeRiver:AdminToken"] = "s3cr3t-admin-token" },
    });

    private static async Task<string[]> ListedAsync(HttpClient client)
    {
        var (_, body) = await AsyncApi.GetAsync(client, "/__admin/requests");
        return [.. body["requests"]!.AsArray().Select(r => r!["channel_id"]!.GetValue<string>())];
    }
}
