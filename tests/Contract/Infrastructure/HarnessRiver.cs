using FakeRiver.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Contract.Infrastructure;

/// <summary>
/// <see cref="HarnessHost.River"/>: the in-memory <see cref="FakeRiverServer"/> with the members tests used when it
/// was a WebApplicationFactory (<see cref="Server"/>, <see cref="Services"/>, <see cref="CreateClient"/>).
/// </summary>
public sealed class HarnessRiver(FakeRiverServer fixture)
{
    /// <summary>The fixture itself: journals, waits, the stream client.</summary>
    public FakeRiverServer Fixture { get; } = fixture;

    public TestServer Server => Fixture.TestServer!;

    public IServiceProvider Services => Fixture.Services;

    /// <summary>A client for FakeRiver without the API key, as WebApplicationFactory.CreateClient gave.</summary>
    public HttpClient CreateClient() => Fixture.CreateClient(authorized: false);
}
