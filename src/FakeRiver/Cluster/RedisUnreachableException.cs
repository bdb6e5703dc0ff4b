namespace FakeRiver.Cluster;

/// <summary>Start-up found no Redis at FakeRiver:Redis; the message is the one line the tool prints.</summary>
public sealed class RedisUnreachableException(string message, Exception inner) : Exception(message, inner);
