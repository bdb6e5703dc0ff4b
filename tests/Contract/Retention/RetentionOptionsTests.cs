using FakeRiver.Hosting;
using Microsoft.Extensions.Options;

namespace Contract.Retention;

/// <summary>Bad retention and admin settings stop FakeRiver at start-up, naming the setting.</summary>
public class RetentionOptionsTests
{
    [Theory]
    [InlineData("FakeRiver:Retention:MaxRequests", "0")]
    [InlineData("FakeRiver:Retention:MaxJournalEntries", "-1")]
    [InlineData("FakeRiver:Retention:MaxTokens", "0")]
    [InlineData("FakeRiver:Retention:MaxAge", "00:00:00")]
    [InlineData("FakeRiver:AdminToken", "has space")]
    [InlineData("FakeRiver:Admin:AllowedHosts:0", "http://evil.test/")]
    public async Task Start_BadSetting_FailsNamingIt(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(async () =>
        {
            // Thrown while the app is built (the workflow catalog reads the options) or, at the latest, on start.
            await using var app = FakeRiverApp.Create(["--urls", "http://127.0.0.1:0", $"--{key}={value}"]);
            await app.StartAsync();
        });

        Assert.Contains(key.Replace(":0", "", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Defaults_Valid()
    {
        await using var app = FakeRiverApp.Create(["--urls", "http://127.0.0.1:0"]);

        await app.StartAsync();
        await app.StopAsync();
    }
}
