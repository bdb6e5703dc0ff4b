namespace FakeRiver.Cli;

/// <summary>The parsed <c>cluster</c> command line.</summary>
public sealed record ClusterArguments(int Nodes, string Redis, string Url, IReadOnlyList<string> NodeArgs);
