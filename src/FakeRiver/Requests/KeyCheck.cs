namespace FakeRiver.Requests;

/// <summary>What an API key opens: <see cref="ProjectId"/> is set when the key is accepted.</summary>
internal readonly record struct KeyCheck(KeyVerdict Verdict, string? ProjectId);
