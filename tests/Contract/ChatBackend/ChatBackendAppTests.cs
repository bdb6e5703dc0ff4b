using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatBackend;
using Contract.ChatBackend.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Contract.ChatBackend;

/// <summary>The entry FakeRiver's dev mode uses: a real Kestrel host built from explicit settings.</summary>
[Collection(Contract.ChatBackend.Infrastructure.DirectHostCollection.Name)]
public class ChatBackendAppTests
{
    [Fact]
    public async Task Create_WithSettingsOnKestrel_ServesHealthWithThoseSettings()
    {
        using var database = new TempDatabase();
        var settings = new Dictionary<string, string?>
        {
            ["CHATBACKEND_DB"] = database.Path,
            ["urls"] = "http://127.0.0.1:0",
            ["MODELRIVER_API_URL"] = "http://127.0.0.1:5999",
            ["MODELRIVER_API_KEY"] = "mr_test_app",
            ["BACKEND_PUBLIC_URL"] = "http://localhost:4555",
            ["WEBHOOK_SECRET"] = "whsec_app",
        };
        await using var app = ChatBackendApp.Create([], settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var health = await client.GetFromJsonAsync<JsonObject>("/health");
        await app.StopAsync();

        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:5999", (string)health!["config"]!["modelriver_api_url"]!);
        Assert.Equal("http://localhost:4555", (string)health["config"]!["backend_public_url"]!);
        Assert.True((bool)health["config"]!["api_key_configured"]!);
    }

    [Fact]
    public async Task Create_InvalidSettings_FailsAtStart()
    {
        using var database = new TempDatabase();
        await using var app = ChatBackendApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["BACKEND_PUBLIC_URL"] = "localhost",
            ["CHATBACKEND_DB"] = database.Path,
        });

        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
    }
}
