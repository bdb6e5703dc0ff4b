namespace FakeRiver.Requests;

/// <summary>A callback fault injected at run time: the request's first <see cref="Attempts"/> callbacks are answered with <see cref="Status"/> and not taken.</summary>
internal sealed record CallbackFault(int Status, int Attempts);
