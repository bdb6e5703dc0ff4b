using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Browser.Infrastructure;
using Microsoft.Playwright;

namespace Browser;

/// <summary>The dashboard at <c>/__admin/ui</c>, open before the request starts and never reloaded.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class DashboardTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Dashboard_FailoverRequest_ShowsBothAttemptsWebhookAndCallbackWithoutReload()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };
        await page.GotoAsync(stack.RiverUrl + "/__admin/ui");
        await Assertions.Expect(page.GetByTestId("feed-state")).ToHaveTextAsync("live");

        // The chat flow with the failover workflow: 429 on the primary, the backup answers, webhook, callback.
        using var chat = await stack.Http.PostAsJsonAsync(stack.BackendUrl + "/chat", new { message = "Where is my parcel?", workflow = "failover_chat" });
        chat.EnsureSuccessStatusCode();
        var channelId = (await chat.Content.ReadFromJsonAsync<JsonObject>())!["channel_id"]!.GetValue<string>();

        var row = page.Locator($"[data-testid='request-row'][data-channel-id='{channelId}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 30_000 });
        await row.GetByRole(AriaRole.Button).ClickAsync();

        var timeline = page.GetByTestId("timeline-event");
        await Assertions.Expect(timeline.And(page.Locator("[data-kind='callback']"))).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        var attempts = page.Locator("[data-testid='timeline-event'][data-kind='attempt']");
        await Assertions.Expect(attempts).ToHaveCountAsync(2);
        await Assertions.Expect(attempts.Nth(0)).ToContainTextAsync("openai");
        await Assertions.Expect(attempts.Nth(0)).ToContainTextAsync("http_429");
        await Assertions.Expect(attempts.Nth(0)).ToContainTextAsync("Retry-After 30 s");
        await Assertions.Expect(attempts.Nth(1)).ToContainTextAsync("anthropic");
        var webhook = page.Locator("[data-testid='timeline-event'][data-kind='webhook']");
        await Assertions.Expect(webhook).ToHaveCountAsync(1);
        await Assertions.Expect(webhook).ToContainTextAsync(stack.BackendUrl + "/webhook/modelriver");
        await Assertions.Expect(webhook).ToContainTextAsync(": 200");
        await Assertions.Expect(webhook.Locator("pre")).ToContainTextAsync("X-ModelRiver-Signature");
        var callback = page.Locator("[data-testid='timeline-event'][data-kind='callback']");
        await Assertions.Expect(callback).ToContainTextAsync("answered 200");
        await Assertions.Expect(callback.Locator("pre")).ToContainTextAsync("\"conversation_id\"");
        foreach (var kind in new[] { "accepted", "tokens", "status", "response" })
            await Assertions.Expect(page.Locator($"[data-testid='timeline-event'][data-kind='{kind}']").First).ToBeVisibleAsync();
        Assert.Equal(1, navigations);
    }

    [Fact]
    public async Task Dashboard_ProjectAndWorkflowFilters_HideOtherRequests()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(stack.RiverUrl + "/__admin/ui");
        await Assertions.Expect(page.GetByTestId("feed-state")).ToHaveTextAsync("live");

        foreach (var workflow in new[] { "failover_chat", "mr_chatbot_workflow" })
        {
            using var chat = await stack.Http.PostAsJsonAsync(stack.BackendUrl + "/chat", new { message = "Hi", workflow });
            chat.EnsureSuccessStatusCode();
        }
        var rows = page.GetByTestId("request-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.GetByLabel("Workflow").SelectOptionAsync("failover_chat");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("failover_chat");
        await page.GetByLabel("Workflow").SelectOptionAsync("");
        await page.GetByLabel("Project").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Assertions.Expect(rows).ToHaveCountAsync(2);
    }
}
