using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using FakeRiver.Hosting;

namespace Contract.Admin;

/// <summary>Host checks against the addresses a real Kestrel FakeRiver is bound to (loopback, an ephemeral port).</summary>
public class AdminGuardKestrelTests
{
    [Fact]
    public async Task Admin_HostHeaders_OnlyLoopbackNamesOnTheBoundPortAllowed()
    {
        await using var app = FakeRiverApp.Create(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var url = new Uri(FakeRiverApp.ListeningUrl(app));
        using var http = new HttpClient { BaseAddress = url };

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (var host in new[] { $"127.0.0.1:{url.Port}", $"localhost:{url.Port}", $"[::1]:{url.Port}", $"rebound.evil.test:{url.Port}", $"localhost:{url.Port + 1}", "localhost" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/__admin/requests");
            request.Headers.Host = host;
            answers[host] = (await http.SendAsync(request)).StatusCode;
        }
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.OK, answers[$"127.0.0.1:{url.Port}"]);
        Assert.Equal(HttpStatusCode.OK, answers[$"localhost:{url.Port}"]);
        Assert.Equal(HttpStatusCode.OK, answers[$"[::1]:{url.Port}"]);
        Assert.Equal(HttpStatusCode.Forbidden, answers[$"rebound.evil.test:{url.Port}"]);
        Assert.Equal(HttpStatusCode.Forbidden, answers[$"localhost:{url.Port + 1}"]);
        Assert.Equal(HttpStatusCode.Forbidden, answers["localhost"]);
    }

    [Fact]
    public async Task Admin_CrossSiteFormPost_Refused()
    {
        await using var app = FakeRiverApp.Create(["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(FakeRiverApp.ListeningUrl(app)) };
        // What a page on another site can send without a CORS preflight: a simple text/plain POST with its Origin.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/__admin/reset") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Origin", "https://attacker.example");

        var response = await http.SendAsync(request);
        var body = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        await app.StopAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AsyncApi.AssertEnvelope(body, "admin_origin_not_allowed");
    }
}
