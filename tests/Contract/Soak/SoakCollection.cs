namespace Contract.Soak;

/// <summary>
/// The soak runs alone: it measures the whole process's managed heap and working set, which tests running beside
/// it would move.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakCollection
{
    public const string Name = "soak";
}
