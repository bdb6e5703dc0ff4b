namespace FakeRiver.Recording;

/// <summary>One content delta the upstream streamed, <see cref="AtMs"/> milliseconds after the attempt started.</summary>
public sealed record RecordedChunk(long AtMs, string Content);
