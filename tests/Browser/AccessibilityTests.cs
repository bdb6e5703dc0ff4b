using System.Net.Http.Json;
using Browser.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Browser;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on the three pages with content on them; no serious or critical violation.
/// With FAKERIVER_SCREENSHOTS=&lt;folder&gt; the same pages are saved as PNG (docs/ holds the committed ones).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccessibilityTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task ChatPage_AfterAnAnswer_HasNoSeriousOrCriticalAxeViolation()
    {
        await using var stack = await LiveStack.StartAsync();
        var page = await NewPageAsync();
        await page.GotoAsync(stack.BackendUrl + "/");
        await page.GetByTestId("chat-input").FillAsync("What are your opening hours?");
        await page.GetByTestId("chat-send").ClickAsync();
        await PageProbe.WaitForCompletedAsync(page);

        await AssertAccessibleAsync(page, "chat-page.png");
    }

    [Fact]
    public async Task Dashboard_WithATimelineOpen_HasNoSeriousOrCriticalAxeViolation()
    {
        await using var stack = await LiveStack.StartAsync();
        var page = await NewPageAsync();
        await page.GotoAsync(stack.RiverUrl + "/__admin/ui");
        await Assertions.Expect(page.GetByTestId("feed-state")).ToHaveTextAsync("live");
        using var chat = await stack.Http.PostAsJsonAsync(stack.BackendUrl + "/chat", new { message = "Where is my parcel?", workflow = "failover_chat" });
        chat.EnsureSuccessStatusCode();
        var row = page.GetByTestId("request-row");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "completed", new() { Timeout = 30_000 });
        await row.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='timeline-event'][data-kind='callback']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        await AssertAccessibleAsync(page, "dashboard.png");
    }

    [Fact]
    public async Task Report_WithAFailure_HasNoSeriousOrCriticalAxeViolation()
    {
        var folder = Directory.CreateTempSubdirectory("fakeriver-report-").FullName;
        try
        {
            var report = await ReportFiles.WriteAsync(folder);
            var page = await NewPageAsync();
            await page.GotoAsync(new Uri(report).AbsoluteUri);
            await AssertAccessibleAsync(page, "report.png");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 860 } });
        return await context.NewPageAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string screenshot)
    {
        if (Environment.GetEnvironmentVariable("FAKERIVER_SCREENSHOTS") is { Length: > 0 } folder)
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, screenshot), FullPage = false });
        AxeResult result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(blocking.Length == 0, string.Join("\n", blocking.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})")));
    }
}
