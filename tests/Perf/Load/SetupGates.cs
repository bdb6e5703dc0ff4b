namespace Perf.Load;

/// <summary>
/// How many sessions may be setting up (from the first request to the join reply) at once. Kestrel's listen backlog
/// is 512: a thousand simultaneous connects overflow it (the kernel's ListenOverflows counter), dropped SYNs are
/// retried after 1, 3, 7 s and TTFT shows those steps instead of the server. Browsers do not all arrive in the same
/// millisecond either. Time spent waiting here is not part of any latency; streams already joined are not limited.
/// </summary>
public sealed class SetupGates(int width)
{
    public const int DefaultWidth = 256;

    private readonly SemaphoreSlim _slots = new(width, width);

    public async Task<SetupGate> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new SetupGate(_slots);
    }
}
