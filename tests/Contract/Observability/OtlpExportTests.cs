using System.Net.Http.Json;
using FakeRiver.Hosting;
using FakeRiver.Scenarios.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contract.Observability;

/// <summary>
/// OTEL_EXPORTER_OTLP_ENDPOINT switches the export on: FakeRiver on real loopback posts OTLP/HTTP protobuf to a
/// collector (here a tiny Kestrel app that records what arrives).
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Otlp_EndpointVariableSet_TracesArriveAtTheCollector()
    {
        var traces = new TaskCompletionSource<(string? ContentType, long Length)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collectorUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseUrls(collectorUrl);
        collectorBuilder.Logging.ClearProviders();
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            traces.TrySetResult((request.ContentType, body.Length));
            return Results.Ok();
        });
        collector.MapPost("/v1/metrics", () => Results.Ok());
        await collector.StartAsync();

        var riverUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var river = FakeRiverApp.Create([
            "--urls", riverUrl,
            "--OTEL_EXPORTER_OTLP_ENDPOINT", collectorUrl,
            "--OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
            "--OTEL_BSP_SCHEDULE_DELAY", "100",
        ], builder => builder.Logging.ClearProviders());
        await river.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", FakeRiver.DevDefaults.ApiKey);
        using var accepted = await http.PostAsJsonAsync(riverUrl + "/v1/ai/async",
            new { workflow = "mr_chatbot_standard", messages = new[] { new { role = "user", content = "Hi" } } });
        accepted.EnsureSuccessStatusCode();

        var (contentType, length) = await traces.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("application/x-protobuf", contentType);
        Assert.True(length > 0);
        await river.StopAsync();
        await collector.StopAsync();
    }
}
