using System.Net;
using System.Text.Json.Nodes;
using Contract.Api;
using Contract.Infrastructure;
using FakeRiver.Requests;

namespace Contract.Control;

public class ScopeTests
{
    [Fact]
    public async Task AdminScope_TwoProjectsInterleaved_EachSeesOnlyItsOwnJournal()
    {
        await using var river = ControlHost.Start();
        var started = new List<(string Key, JsonObject Started)>();
        foreach (var key in new[] { ControlHost.KeyA, ControlHost.KeyB, ControlHost.KeyA, ControlHost.KeyB, ControlHost.KeyB })
            started.Add((key, await river.StartAsync(key)));
        foreach (var (_, s) in started) await river.FinishAsync(s);
        // Sockets of both projects, interleaved: each joins its own finished channel and gets the stored final response.
        foreach (var (_, s) in started)
        {
            await using var socket = await PhoenixTestClient.ConnectAsync(river.Host.River.Server, s["websocket_url"]!.GetValue<string>(), s["ws_token"]!.GetValue<string>());
            Assert.Equal("ok", (await socket.JoinAsync(s["websocket_channel"]!.GetValue<string>()))["status"]!.GetValue<string>());
            await socket.ReadUntilCloseAsync();
        }
        await river.Receiver.WaitForAsync(started.Count);

        foreach (var key in new[] { ControlHost.KeyA, ControlHost.KeyB })
        {
            var own = started.Where(s => s.Key == key).Select(s => s.Started["channel_id"]!.GetValue<string>()).Order().ToList();
            foreach (var scope in new[] { key, ProjectKeys.ProjectIdOf(key) })
            {
                using var admin = river.Admin(scope);
                var requests = JsonNode.Parse(await admin.GetStringAsync("/__admin/requests"))!["requests"]!.AsArray();
                var webhooks = JsonNode.Parse(await admin.GetStringAsync("/__admin/webhooks"))!.AsArray();
                var sockets = JsonNode.Parse(await admin.GetStringAsync("/__admin/sockets"))!["sockets"]!.AsArray();
                Assert.Equal(own, requests.Select(r => r!["channel_id"]!.GetValue<string>()).Order().ToList());
                Assert.Equal(own, webhooks.Select(w => w!["channel_id"]!.GetValue<string>()).Order().ToList());
                Assert.Equal(own, sockets.Select(e => e!["channel_id"]?.GetValue<string>()).OfType<string>().Distinct().Order().ToList());
            }
        }
        using var everything = river.Admin();
        Assert.Equal(5, JsonNode.Parse(await everything.GetStringAsync("/__admin/requests"))!["requests"]!.AsArray().Count);
    }

    [Fact]
    public async Task AdminRequest_ChannelOfAnotherProject_404InScope()
    {
        await using var river = ControlHost.Start();
        var a = await river.StartAsync(ControlHost.KeyA);
        using var adminB = river.Admin(ControlHost.KeyB);

        var response = await adminB.GetAsync($"/__admin/requests/{a["channel_id"]}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AsyncApi.AssertEnvelope(await ControlHost.JsonOf(response), "channel_not_found");
    }

    [Fact]
    public async Task AdminReset_ScopedToOneProject_LeavesTheOtherIntact()
    {
        await using var river = ControlHost.Start();
        var a = await river.StartAsync(ControlHost.KeyA);
        var b = await river.StartAsync(ControlHost.KeyB);
        await river.FinishAsync(a);
        await river.FinishAsync(b);
        await river.Receiver.WaitForAsync(2);
        using var adminA = river.Admin();
        adminA.DefaultRequestHeaders.Add("X-FakeRiver-Project", ControlHost.KeyA);

        var reset = await adminA.PostAsync("/__admin/reset", AsyncApi.Json("{}"));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(ProjectKeys.ProjectIdOf(ControlHost.KeyA), (await ControlHost.JsonOf(reset))["project_id"]!.GetValue<string>());
        using var all = river.Admin();
        var requests = JsonNode.Parse(await all.GetStringAsync("/__admin/requests"))!["requests"]!.AsArray();
        Assert.Equal(b["channel_id"]!.GetValue<string>(), Assert.Single(requests)!["channel_id"]!.GetValue<string>());
        var webhooks = JsonNode.Parse(await all.GetStringAsync("/__admin/webhooks"))!.AsArray();
        Assert.Equal(b["channel_id"]!.GetValue<string>(), Assert.Single(webhooks)!["channel_id"]!.GetValue<string>());
        Assert.False(river.Host.RiverService<RequestRegistry>().TryGet(a["channel_id"]!.GetValue<string>(), out _));
    }

    [Theory]
    [InlineData("not-a-project")]
    [InlineData("mr_live_unknown_key")]
    [InlineData("00000000-0000-0000-0000")]
    public async Task AdminScope_ValueNeitherProjectNorKey_400Envelope(string scope)
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin(scope);

        foreach (var path in new[] { "/__admin/requests", "/__admin/callbacks", "/__admin/webhooks", "/__admin/sockets", "/__admin/workflows", "/__admin/faults" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            AsyncApi.AssertEnvelope(await ControlHost.JsonOf(response), "invalid_project");
        }
    }

    [Fact]
    public async Task AdminScope_ByQuery_SameAsHeader()
    {
        await using var river = ControlHost.Start();
        var a = await river.StartAsync(ControlHost.KeyA);
        await river.StartAsync(ControlHost.KeyB);
        using var admin = river.Admin();

        var requests = JsonNode.Parse(await admin.GetStringAsync($"/__admin/requests?project={ControlHost.KeyA}"))!["requests"]!.AsArray();

        Assert.Equal(a["channel_id"]!.GetValue<string>(), Assert.Single(requests)!["channel_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheAdminApi()
    {
        await using var river = ControlHost.Start();
        using var admin = river.Admin();

        var document = JsonNode.Parse(await admin.GetStringAsync("/__admin/openapi/v1.json"))!;

        var paths = document["paths"]!.AsObject();
        foreach (var path in new[] { "/__admin/workflows/{name}", "/__admin/faults", "/__admin/faults/{id}", "/__admin/webhooks/{id}/redeliver", "/v1/ai/async" })
            Assert.True(paths.ContainsKey(path), $"{path} missing from the OpenAPI document");
    }
}
