using BenchmarkDotNet.Attributes;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>
/// The truth reader (issue 10: 1,000,000 rows in &lt;= 400 ms) side by side with the reader before it
/// (<see cref="TruthCsvReaderBefore"/>), on the same bytes in memory: <c>--filter '*TruthReader*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TruthReaderBenchmarks
{
    private byte[] _file = [];

    [Params(12_600, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _file = File.ReadAllBytes(BenchData.File($"truth_{Rows}.csv"));

    [Benchmark(Baseline = true)]
    public GroundTruth Before() => TruthCsvReaderBefore.Read(new MemoryStream(_file), 18).GetValueOrThrow();

    [Benchmark]
    public GroundTruth Now() => TruthCsvReader.Read(new MemoryStream(_file), 18).GetValueOrThrow();
}
