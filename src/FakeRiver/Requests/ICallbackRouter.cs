using System.Text.Json.Nodes;

namespace FakeRiver.Requests;

/// <summary>
/// Sends a callback for a request this node does not run to the node that does, and returns that node's answer.
/// In one process there is no other node (<see cref="LocalCallbackRouter"/>).
/// </summary>
internal interface ICallbackRouter
{
    /// <summary>The owner's answer, or null when no other node owns the channel.</summary>
    Task<RoutedAnswer?> ForwardAsync(string channelId, string projectId, JsonObject body, CancellationToken cancellationToken);
}
