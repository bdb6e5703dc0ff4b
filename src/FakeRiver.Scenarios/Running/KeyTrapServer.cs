using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace FakeRiver.Scenarios.Running;

/// <summary>A <see cref="KeyTrap"/> on real loopback (its own Kestrel port, so another origin than FakeRiver's).</summary>
internal sealed class KeyTrapServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KeyTrapServer(WebApplication app, KeyTrap trap)
    {
        _app = app;
        Trap = trap;
    }

    public KeyTrap Trap { get; }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:43121/</c>.</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/";

    public static async Task<KeyTrapServer> StartAsync(string apiKey)
    {
        var trap = new KeyTrap(apiKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            trap.Record(context.Request.Headers.SelectMany(h => h.Value.Select(v => v ?? "")), body.ToArray());
            await context.Response.WriteAsJsonAsync(new { }, context.RequestAborted);
        });
        await app.StartAsync();
        return new KeyTrapServer(app, trap);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
