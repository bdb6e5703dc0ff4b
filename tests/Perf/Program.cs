using BenchmarkDotNet.Running;
using Perf.Load;

// `micro [BenchmarkDotNet args]` runs the micro-benchmarks; `load [options]` the real-loopback load driver.
return args.FirstOrDefault() switch
{
    "micro" => RunMicro(args[1..]),
    "load" => await LoadCommand.RunAsync(args[1..]),
    "cluster-cost" => await Perf.Cluster.ClusterCostCommand.RunAsync(args[1..]),
    _ => Usage(),
};

static int RunMicro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(Perf.PerfEntry).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Perf micro [--filter <pattern>] [other BenchmarkDotNet arguments]
               Perf load [--streams N | --levels 1,100,1000] [--tokens M] [--pace-ms P] [--requests R] [--out DIR]
               Perf cluster-cost [--streams 100] [--tokens 50] [--pace-ms 20] [--out DIR]   (needs redis-server)
        """);
    return 2;
}
