namespace Contract.Infrastructure;

/// <summary>One request a <see cref="StubReceiver"/> saw.</summary>
public sealed record ReceivedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
