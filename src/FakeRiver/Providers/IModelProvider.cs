using FakeRiver.Workflows;

namespace FakeRiver.Providers;

/// <summary>
/// A kind of model provider (simulated, OpenAI-compatible). It streams text deltas for one attempt and signals a
/// failure by throwing <see cref="ProviderFailure"/>; timeouts and failover belong to the router, not here.
/// </summary>
internal interface IModelProvider
{
    ProviderType Type { get; }

    /// <summary>
    /// Streams the deltas that follow <see cref="ProviderCall.CommittedText"/>: after a mid-stream failover the next
    /// provider continues the text the client already has instead of starting over.
    /// </summary>
    IAsyncEnumerable<string> StreamAsync(ProviderCall call, CancellationToken ct);
}
