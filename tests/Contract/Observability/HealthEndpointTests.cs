using System.Net;
using Contract.Infrastructure;

namespace Contract.Observability;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_StartedHost_AnswersHealthyOnHealthAndReady()
    {
        await using var host = HarnessHost.StartRiverOnly();
        using var client = host.RiverClient(authorized: false);
        foreach (var path in new[] { "/health", "/ready" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }
}
