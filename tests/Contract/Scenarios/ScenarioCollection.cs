namespace Contract.Scenarios;

/// <summary>
/// Scenario runs alone: the virtual-time driver waits until no thread-pool thread is busy, which other tests running
/// in parallel would keep from happening.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScenarioCollection
{
    public const string Name = "scenarios";
}
