namespace FakeRiver.Cli;

/// <summary>A started cluster: the front and its nodes (each a FakeRiver app sharing one Redis).</summary>
public sealed class RunningCluster(WebApplication front, IReadOnlyList<WebApplication> nodes) : IAsyncDisposable
{
    public WebApplication Front { get; } = front;

    public IReadOnlyList<WebApplication> Nodes { get; } = nodes;

    /// <summary>The address clients use.</summary>
    public string FrontUrl => Front.Urls.First();

    public Task WaitForShutdownAsync() =>
        Task.WhenAny([Front.WaitForShutdownAsync(), .. Nodes.Select(n => n.WaitForShutdownAsync())]);

    public async ValueTask DisposeAsync()
    {
        await Front.DisposeAsync();
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
