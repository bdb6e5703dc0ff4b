using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Browser.Infrastructure;
using Microsoft.Playwright;

namespace Browser;

/// <summary>The chat page at ChatBackend's <c>/</c>, in Chromium, against FakeRiver on real loopback in real time.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ChatPageTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ChatPage_OneStream_AssistantTextGrowsAndEqualsTheStreamedText()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        await PageProbe.RecordTextGrowthAsync(context);
        var page = await context.NewPageAsync();

        await page.GotoAsync(stack.BackendUrl + "/");
        await page.GetByTestId("chat-input").FillAsync("How do I reset my password?");
        await page.GetByTestId("chat-send").ClickAsync();
        await PageProbe.WaitForCompletedAsync(page);

        var request = await stack.SingleRequestAsync();
        var streamed = request["text"]!.GetValue<string>();
        var samples = await PageProbe.SamplesAsync(page);
        var distinct = samples.Where(s => s.Length > 0).Distinct().ToArray();
        Assert.True(distinct.Length >= 5, $"assistant-text changed {distinct.Length} times; expected it to grow over at least 5");
        // Each sample extends the one before: the text only ever grows.
        for (var i = 1; i < distinct.Length; i++) Assert.StartsWith(distinct[i - 1], distinct[i], StringComparison.Ordinal);
        Assert.Equal(streamed, await PageProbe.TestIdTextAsync(page, "assistant-text"));
    }

    [Fact]
    public async Task ChatPage_Completed_StructuredAnswerMatchesFakeRiverJournal()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(stack.BackendUrl + "/");
        await page.GetByTestId("chat-input").FillAsync("Summarise my order status");
        await page.GetByTestId("chat-send").ClickAsync();
        await PageProbe.WaitForCompletedAsync(page);

        var request = await stack.SingleRequestAsync();
        Assert.Equal("completed", request["state"]!.GetValue<string>());
        // What FakeRiver pushed last (the backend's enriched callback data) is what the page renders.
        var data = request["latest_response"]!["data"]!.AsObject();
        var ai = request["ai_data"]!.AsObject();
        Assert.Equal(ai["reply"]!.GetValue<string>(), data["reply"]!.GetValue<string>());
        Assert.Equal(data["reply"]!.GetValue<string>(), await PageProbe.TestIdTextAsync(page, "answer-reply"));
        Assert.Equal(data["summary"]!.GetValue<string>(), await PageProbe.TestIdTextAsync(page, "answer-summary"));
        Assert.Equal(data["sentiment"]!.GetValue<string>(), await PageProbe.TestIdTextAsync(page, "answer-sentiment"));
        Assert.Equal(data["confidence"]!.ToJsonString(), await PageProbe.TestIdTextAsync(page, "answer-confidence"));
        Assert.Equal(data["topics"]!.AsArray().Select(t => t!.GetValue<string>()),
            await page.GetByTestId("answer-topics").Locator("li").AllTextContentsAsync());
        Assert.Equal(data["action_items"]!.AsArray().Select(a => $"{a!["task"]} ({a["priority"]})"),
            await page.GetByTestId("answer-actions").Locator("li").AllTextContentsAsync());
        foreach (var step in new[] { "queued", "streaming", "waiting-for-backend", "completed" })
            Assert.Equal("done", await page.GetByTestId($"step-{step}").GetAttributeAsync("data-state"));
    }

    [Fact]
    public async Task ChatPage_ReloadMidStream_ResumesThroughReconnectWithNoLostOrRepeatedText()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(stack.BackendUrl + "/");
        await page.GetByTestId("chat-input").FillAsync("Tell me about shipping times");
        await page.GetByTestId("chat-send").ClickAsync();
        // Mid-stream: some text on screen, the step still "streaming".
        await Assertions.Expect(page.GetByTestId("assistant-text")).ToHaveTextAsync(new Regex("^[\\s\\S]{40,}"), new() { Timeout = 30_000 });
        Assert.NotEqual("done", await page.GetByTestId("step-completed").GetAttributeAsync("data-state"));
        var reconnects = 0;
        page.Request += (_, r) => { if (r.Url.EndsWith("/api/v1/ai/reconnect", StringComparison.Ordinal)) reconnects++; };
        await page.ReloadAsync();
        await PageProbe.WaitForCompletedAsync(page);

        var request = await stack.SingleRequestAsync();
        Assert.Equal(request["text"]!.GetValue<string>(), await PageProbe.TestIdTextAsync(page, "assistant-text"));
        Assert.Equal(1, reconnects);
        // The second join asked only for what the page did not have yet.
        var joins = (await stack.TimelineAsync(request["channel_id"]!.GetValue<string>()))
            .Where(e => e!["kind"]!.GetValue<string>() == "join").ToArray();
        Assert.Equal(2, joins.Length);
        Assert.Equal(0, joins[0]!["last_seq"]!.GetValue<long>());
        Assert.True(joins[1]!["last_seq"]!.GetValue<long>() > 0, "the rejoin should resume after the last seq on screen");
    }
}
