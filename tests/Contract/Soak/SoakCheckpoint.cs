namespace Contract.Soak;

/// <summary>What the soak saw after <see cref="Requests"/> requests: stored entries per store, heap and working set.</summary>
internal sealed record SoakCheckpoint(
    int Requests, double Seconds, int Registry, int Tokens, int Webhooks, int Callbacks, int Sockets, long RefusedUpgrades,
    long ManagedBytes, long WorkingSetBytes)
{
    public override string ToString() =>
        $"{Requests,6} req {Seconds,6:0.0} s | registry {Registry,5} tokens {Tokens,5} webhooks {Webhooks,5} callbacks {Callbacks,5} " +
        $"sockets {Sockets,5} refused {RefusedUpgrades,5} | managed {ManagedBytes / 1048576.0,6:0.0} MB RSS {WorkingSetBytes / 1048576.0,6:0.0} MB";
}
