using BenchmarkDotNet.Running;
using Perf.Load;
using Perf.Load.Processes;

// `micro [BenchmarkDotNet args]` runs the micro-benchmarks; `load [options]` the real-loopback load driver;
// `serve <role>` is one of the driver's server processes (the driver starts it).
return args.FirstOrDefault() switch
{
    "micro" => RunMicro(args[1..]),
    "load" => await LoadCommand.RunAsync(args[1..]),
    "accept" => await AcceptCommand.RunAsync(args[1..]),
    "serve" => await ServeCommand.RunAsync(args[1..]),
    "allocs" => AllocationReport.Run(args[1..]),
    "stacks" => StackReport.Run(args[1..]),
    "startup" => await StartupCommand.RunAsync(args[1..], LoadCommand.RepoRoot()),
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
               Perf accept [--requests R] [--concurrency C] [--rounds K]   (async accept only: FakeRiver vs WireMock.Net)
               Perf startup [--runs N] [--out DIR]      (fakeriver cold start, scenario-suite wall)
               Perf allocs <file.nettrace> [top]        (a gc-verbose trace's allocations by type)
               Perf stacks <file.nettrace> [top]        (allocations / CPU samples by project frame)
               Perf serve <role> ...                    (one server of the load run; started by load)
               Perf cluster-cost [--streams 100] [--tokens 50] [--pace-ms 20] [--out DIR]   (needs redis-server)
        """);
    return 2;
}
