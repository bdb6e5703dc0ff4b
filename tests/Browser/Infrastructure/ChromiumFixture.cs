using Microsoft.Playwright;

namespace Browser.Infrastructure;

/// <summary>
/// One headless Chromium for the test run: Debian's <c>chromium</c> package, driven by Playwright (Playwright's own
/// browser download cannot be fetched here; .ci/run installs the package). A missing browser fails every test with
/// the fix, rather than skipping them silently.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian puts it; <c>CHROMIUM_PATH</c> points elsewhere.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ExecutablePath}. Install it: apt-get update && apt-get install -y chromium " +
                "(.ci/run does this), or set CHROMIUM_PATH. Never run 'playwright install' here.");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox (containers), and nothing that phones home: the pages must work offline.
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-gpu", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
