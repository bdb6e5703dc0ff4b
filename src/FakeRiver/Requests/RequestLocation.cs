namespace FakeRiver.Requests;

/// <summary>What any node knows of a request, wherever it runs: enough to reconnect to it and join its channel.</summary>
internal sealed record RequestLocation(string ChannelId, string ProjectId, Uri PublicBaseUri);
