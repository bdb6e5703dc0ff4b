using Microsoft.Playwright;

namespace Browser.Infrastructure;

/// <summary>
/// Helpers run inside the page. <see cref="RecordTextGrowthAsync"/> installs a MutationObserver before the page's
/// own script runs, so every change of <c>assistant-text</c> is recorded by the browser itself, with no polling from
/// the test.
/// </summary>
public static class PageProbe
{
    public static Task RecordTextGrowthAsync(IBrowserContext context) => context.AddInitScriptAsync("""
        window.__samples = [];
        document.addEventListener('DOMContentLoaded', () => {
          const target = document.querySelector('[data-testid="assistant-text"]');
          new MutationObserver(() => window.__samples.push(target.textContent))
            .observe(target, { childList: true, characterData: true, subtree: true });
        });
        """);

    public static async Task<string[]> SamplesAsync(IPage page) => await page.EvaluateAsync<string[]>("window.__samples");

    /// <summary>Waits (bounded) until the step badge is marked done: the request finished on the page.</summary>
    public static Task WaitForCompletedAsync(IPage page, float timeoutMs = 60_000) =>
        page.WaitForSelectorAsync("[data-testid='step-completed'][data-state='done']", new() { Timeout = timeoutMs });

    public static async Task<string> TestIdTextAsync(IPage page, string testId) =>
        await page.GetByTestId(testId).TextContentAsync() ?? string.Empty;
}
