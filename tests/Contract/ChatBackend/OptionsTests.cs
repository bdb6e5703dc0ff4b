using ChatBackend;
using Contract.ChatBackend.Infrastructure;
using Microsoft.Extensions.Options;

namespace Contract.ChatBackend;

[Collection(Contract.ChatBackend.Infrastructure.DirectHostCollection.Name)]
public class OptionsTests
{
    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("/relative")]
    public async Task Startup_ApiUrlNotAbsoluteHttp_FailsValidation(string url)
    {
        // Built directly rather than through WebApplicationFactory: when the app fails to start, the factory's
        // deferred host races the disposal of the provider and sometimes reports ObjectDisposedException instead.
        var settings = new BackendSettings { ModelRiverApiUrl = url }.ToConfiguration();
        settings["urls"] = "http://127.0.0.1:0";
        await using var app = ChatBackendApp.Create([], settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("MODELRIVER_API_URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBHOOK_TOLERANCE_SECONDS", "0")]
    [InlineData("WEBHOOK_TOLERANCE_SECONDS", "five")]
    [InlineData("CHATBACKEND_RETENTION_DAYS", "-1")]
    [InlineData("ChatBackend:MaxProcessedWebhooks", "0")]
    public async Task Startup_SafetyOrStorageSettingInvalid_FailsNamingIt(string key, string value)
    {
        using var database = new TempDatabase();
        var settings = new BackendSettings { DatabasePath = database.Path }.ToConfiguration();
        settings["urls"] = "http://127.0.0.1:0";
        settings[key] = value;
        await using var app = ChatBackendApp.Create([], settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key.Replace("ChatBackend:", "", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_PortNotANumber_Fails()
    {
        var result = new ChatBackendOptionsValidator().Validate(null, new ChatBackendOptions { Port = -1 });

        Assert.True(result.Failed);
    }

    [Fact]
    public async Task Startup_ApiUrlWithTrailingSlash_CallsWithoutDoubleSlash()
    {
        await using var host = BackendHost.Create(new BackendSettings { ModelRiverApiUrl = "http://127.0.0.1:5080/" });

        await host.StartChatAsync("Hello");

        Assert.Equal("http://127.0.0.1:5080/v1/ai/async", host.River.AsyncCalls[0].Uri.ToString());
    }

    [Fact]
    public async Task Startup_DatabaseInFolderThatCannotBeCreated_FailsAtStart()
    {
        using var blocker = new TempDatabase();
        await File.WriteAllTextAsync(blocker.Path, "a file, not a folder");
        var settings = new BackendSettings { DatabasePath = Path.Combine(blocker.Path, "chat.db") }.ToConfiguration();
        settings["urls"] = "http://127.0.0.1:0";
        await using var app = ChatBackendApp.Create([], settings);

        await Assert.ThrowsAnyAsync<IOException>(() => app.StartAsync());
    }
}
