using Browser.Infrastructure;
using Microsoft.Playwright;

namespace Browser;

/// <summary>The <c>run --html</c> report opened from disk in Chromium, as a scenario author opens a CI artifact.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class ReportTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Report_OpenedFromDisk_ShowsVerdictsFailureAndPlotWithNoConsoleErrorOrNetworkRequest()
    {
        var folder = Directory.CreateTempSubdirectory("fakeriver-report-").FullName;
        try
        {
            var report = await ReportFiles.WriteAsync(folder);
            await using var context = await chromium.Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) => { if (message.Type is "error" or "warning") errors.Add(message.Text); };
            page.PageError += (_, error) => errors.Add(error);
            page.Request += (_, request) => requests.Add(request.Url);

            var url = new Uri(report).AbsoluteUri;
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.Empty(errors);
            // The document itself, and nothing else: no stylesheet, script, font or image from anywhere.
            Assert.Equal([url], requests);
            await Assertions.Expect(page.Locator("[data-testid='scenario-row'][data-verdict='pass']")).ToContainTextAsync("failover-429-retry-after");
            await Assertions.Expect(page.Locator("[data-testid='scenario-row'][data-verdict='fail']")).ToContainTextAsync("happy-standard-expects-error");
            var failure = page.Locator("#s-happy-standard-expects-error [data-testid='failure']").First;
            await Assertions.Expect(failure).ToContainTextAsync("error");
            await Assertions.Expect(failure).ToContainTextAsync("success");
            await Assertions.Expect(failure).ToContainTextAsync("$");
            var story = page.Locator("#s-failover-429-retry-after");
            await Assertions.Expect(story.Locator("li[data-kind='attempt']")).ToHaveCountAsync(2);
            await Assertions.Expect(story.Locator("li[data-kind='webhook']")).ToHaveCountAsync(1);
            await Assertions.Expect(story.Locator("svg.plot circle").First).ToBeAttachedAsync();
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("FAKERIVER_KEEP_REPORT") is null) Directory.Delete(folder, recursive: true);
        }
    }
}
