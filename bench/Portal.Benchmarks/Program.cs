using BenchmarkDotNet.Running;
using Portal.Benchmarks;

// Run all: dotnet run -c Release --project bench/Portal.Benchmarks -- --filter '*'
// One-shot inference measurements (not BenchmarkDotNet): ... -- cache-build [--count N] and ... -- peak-memory [--count N].
return args.FirstOrDefault() switch
{
    "cache-build" => ColdCacheBuild.Run(new ConsoleArgs(args)),
    "peak-memory" => PeakMemoryRun.Run(new ConsoleArgs(args)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
