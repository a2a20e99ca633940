using BenchmarkDotNet.Attributes;
using Portal.Core.Competitions;
using Portal.Core.Comparison;
using Portal.Core.Submissions;

namespace Portal.Benchmarks;

/// <summary>Pairwise disagreement of 50 submissions, the paired bootstrap and a whole two-submission comparison, on 12,600 images.</summary>
[MemoryDiagnoser]
public class ComparisonBenchmarks
{
    private ReadOnlyMemory<byte>[] _many = [];
    private byte[] _truth = [];
    private byte[] _a = [];
    private byte[] _b = [];

    [GlobalSetup]
    public void Setup()
    {
        var truth = BenchData.Truth(12_600);
        _truth = truth.Labels.ToArray();
        _a = BenchData.Labels(truth, "labels_12600.csv").Labels.ToArray();
        _b = BenchData.Labels(truth, "labels_b_12600.csv").Labels.ToArray();
        _many = Enumerable.Range(0, 50)
            .Select(i => (ReadOnlyMemory<byte>)BenchData.Labels(truth, Path.Combine("many", $"sub_{i:00}.csv")).Labels.ToArray())
            .ToArray();
    }

    [Benchmark]
    public DisagreementMatrix PairwiseDisagreement50() => DisagreementMatrix.Compute(_many);

    /// <summary>Everything the Compare screen shows for two submissions, the truth over all images (issue 5: <= 50 ms).</summary>
    [Benchmark]
    public SubmissionComparison CompareWithTruth() =>
        SubmissionComparison.Compute(_a, _b, ClassTaxonomy.MaskGenderAge, _truth, null, 1000, seed: 42);

    /// <summary>The label-free part alone: a participant's view during the competition.</summary>
    [Benchmark]
    public SubmissionComparison CompareLabelFree() => SubmissionComparison.Compute(_a, _b, ClassTaxonomy.MaskGenderAge);

    [Benchmark]
    public BootstrapInterval Bootstrap1000() => PairedBootstrap.MacroF1Difference(_truth, _a, _b, 18, 1000, seed: 42);
}
