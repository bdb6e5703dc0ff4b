using System.Net;
using Contract.Api;
using Contract.Infrastructure;
using Contract.Sync;

namespace Contract.Cors;

/// <summary>FakeRiver:Cors:Origins: real preflights through ASP.NET Core's CORS middleware, public endpoints only.</summary>
public class CorsTests
{
    private const string Page = "http://localhost:5173";

    private static HarnessHost WithOrigins(string origins) => HarnessHost.Start(new HarnessOptions
    {
        WithBackend = false,
        WorkflowYaml = TestWorkflows.Instant,
        RiverSettings = { ["FakeRiver:Cors:Origins"] = origins },
    });

    private static async Task<HttpResponseMessage> PreflightAsync(HarnessHost host, string path, string origin = Page)
    {
        using var client = host.RiverClient(authorized: false);
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return await client.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/ai")]
    [InlineData("/v1/ai/async")]
    [InlineData("/api/v1/ai/reconnect")]
    [InlineData("/v1/callback/0b7c1e52-4a51-4c0e-9d0c-6f2b8a1d3e77")]
    public async Task Preflight_ConfiguredOrigin_AllowedWithAuthorizationHeader(string path)
    {
        await using var host = WithOrigins($"{Page},http://127.0.0.1:3000");

        using var response = await PreflightAsync(host, path);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Page, SyncApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("authorization", SyncApi.Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("POST", SyncApi.Header(response, "Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Preflight_OtherOrigin_NotAllowed()
    {
        await using var host = WithOrigins(Page);

        using var response = await PreflightAsync(host, "/v1/ai", "http://evil.test");

        Assert.Equal("(missing)", SyncApi.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_AdminEndpoint_NotAnswered()
    {
        await using var host = WithOrigins(Page);

        using var response = await PreflightAsync(host, "/__admin/requests");

        Assert.Equal("(missing)", SyncApi.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_NoOriginsConfigured_NotAnswered()
    {
        await using var host = HarnessHost.StartRiverOnly();

        using var response = await PreflightAsync(host, "/v1/ai/async");

        Assert.Equal("(missing)", SyncApi.Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task SyncRequest_FromAllowedOrigin_ExposesModelRiverHeaders()
    {
        await using var host = WithOrigins(Page);
        using var client = host.RiverClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ai") { Content = AsyncApi.Json(SyncApi.Body()) };
        request.Headers.Add("Origin", Page);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Page, SyncApi.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("X-ModelRiver-Provider", SyncApi.Header(response, "Access-Control-Expose-Headers"));
    }

    [Theory]
    [InlineData("localhost:5173")]
    [InlineData("http://localhost:5173/app")]
    [InlineData("http://localhost:5173/")]
    public void Options_BadOrigin_ValidationNamesTheSetting(string origin)
    {
        var options = new FakeRiver.FakeRiverOptions { ApiKeys = ["k"], Cors = { Origins = [origin] } };

        var result = new FakeRiver.FakeRiverOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Cors:Origins", result.FailureMessage);
    }
}
