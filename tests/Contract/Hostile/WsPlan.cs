namespace Contract.Hostile;

/// <summary>One frame to send and the answer it must get while the socket is healthy (a reply ref, or a pong).</summary>
public sealed record WsStep(string Name, byte[][] Frames, string? ReplyRef, bool ExpectPong = false);

/// <summary>
/// One hostile WebSocket connection: benign-but-odd steps that must be answered, then a hostile ending after which
/// the server must close (or keep serving, if the ending was harmless) and never hang or crash.
/// </summary>
public sealed record WsPlan(IReadOnlyList<WsStep> Prelude, string FinalName, byte[][] Final, bool HalfCloseAfterFinal)
{
    public int FrameCount => Prelude.Sum(s => s.Frames.Length) + Final.Length + 1;

    public override string ToString() => $"{string.Join(" + ", Prelude.Select(s => s.Name))} -> {FinalName}";
}
