using BenchmarkDotNet.Running;

// Benchmarks land with the latency issue; the switcher already lists whatever this assembly holds.
BenchmarkSwitcher.FromAssembly(typeof(Perf.PerfEntry).Assembly).Run(args);
