using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FakeRiver.Requests;
using FakeRiver.Testing;
using Xunit;

namespace BackendTests;

public class QuickStartTest
{
    [Fact]
    public async Task AsyncRequest_StreamJoined_FinalResponseAndJournalAgree()
    {
        // FakeRiver in memory, with one instant plain-text workflow.
        await using var river = await FakeRiverServer.StartAsync(o => o.WorkflowsYaml = """
            workflows:
              - name: support_chat
                text_tokens: 12
                providers:
                  - provider: openai
                    model: gpt-4o-mini
            """);
        using var http = river.CreateClient(); // base address and API key set

        // Start a request through the async API, as a backend does.
        var started = await http.PostAsJsonAsync("/v1/ai/async", new
        {
            workflow = "support_chat",
            messages = new[] { new { role = "user", content = "Hello!" } },
        });
        started.EnsureSuccessStatusCode();
        var accepted = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("pending", accepted["status"]!.GetValue<string>());

        // Join the stream with the returned websocket_url, ws_token and websocket_channel, as a browser does.
        await using var stream = await river.JoinStreamAsync(accepted);
        var final = await stream.ReadFinalResponseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("success", final["status"]!.GetValue<string>());
        Assert.Equal(12, stream.Payloads("tokens").Count());

        // The journal (what GET /__admin/requests shows) agrees.
        var request = river.GetRequest(accepted["channel_id"]!.GetValue<string>())!;
        Assert.Equal(RequestState.Succeeded, request.State);
        Assert.Equal(12, request.TokenCount);
    }
}
