using BenchmarkDotNet.Attributes;
using Portal.Core.Competitions;
using Portal.Core.Scoring;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>A labels CSV read, validated against the hidden set and fully scored (every metric).</summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private GroundTruth _truth = null!;
    private byte[] _file = [];
    private byte[] _truthFile = [];

    [Params(12_600, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _truth = BenchData.Truth(Rows);
        _file = File.ReadAllBytes(BenchData.File($"labels_{Rows}.csv"));
        _truthFile = File.ReadAllBytes(BenchData.File($"truth_{Rows}.csv"));
    }

    /// <summary>The server's case: the hidden set is loaded; a submission arrives.</summary>
    [Benchmark(Baseline = true)]
    public ScoreReport ReadValidateScore()
    {
        var predictions = PredictionCsvReader.Read(new MemoryStream(_file), _truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow();
        return Scorer.Score(_truth.Labels, predictions.Labels, ClassTaxonomy.MaskGenderAge);
    }

    /// <summary>The command line's case: truth and submission both read from scratch.</summary>
    [Benchmark]
    public ScoreReport ReadTruthAndSubmissionThenScore()
    {
        var truth = TruthCsvReader.Read(new MemoryStream(_truthFile), 18).GetValueOrThrow();
        var predictions = PredictionCsvReader.Read(new MemoryStream(_file), truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow();
        return Scorer.Score(truth.Labels, predictions.Labels, ClassTaxonomy.MaskGenderAge);
    }
}
