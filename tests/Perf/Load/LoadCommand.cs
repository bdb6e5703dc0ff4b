namespace Perf.Load;

/// <summary>Placeholder until the load driver lands.</summary>
public static class LoadCommand
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(args.Length >= 0 ? 2 : 0);
}
