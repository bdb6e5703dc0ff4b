namespace Contract.Hostile;

/// <summary>What the generators need to know about the running apps.</summary>
public sealed record HostileTargets(
    string RiverHost,
    string BackendHost,
    string ApiKey,
    string WebhookSecret,
    IReadOnlyList<string> AwaitingChannels,
    long UnixSeconds)
{
    public string Auth => $"Bearer {ApiKey}";

    public string Host(TargetApp app) => app == TargetApp.River ? RiverHost : BackendHost;
}
