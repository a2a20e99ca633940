using BenchmarkDotNet.Attributes;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Trust;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 12: the label audit of 50 submissions x 12,600 images (target <= 100 ms), half of them with probabilities,
/// beside counting every image's votes: <c>--filter '*LabelAudit*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LabelAuditBenchmarks
{
    private byte[] _truth = [];
    private Predictions[] _submissions = [];

    [GlobalSetup]
    public void Setup()
    {
        var real = TrustBenchData.Truth(12_600);
        var labels = TrustBenchData.Submissions(real, 50, 0.10, 0.35);
        _submissions = labels.Select((l, s) => s % 2 == 0 ? TrustBenchData.WithProbabilities(l, (ulong)s) : new Predictions(l, 18)).ToArray();

        // The recorded truth: 1 % of labels wrong, for the audit to find.
        _truth = TrustBenchData.Submissions(real, 1, 0.01, 0.01, seed: 9)[0];
    }

    [Benchmark]
    public LabelAuditResult Audit() => LabelAudit.Find(_truth, _submissions, ClassTaxonomy.MaskGenderAge, limit: 50);

    /// <summary>Baseline: every image's 18 vote counts and its mean confidence, then the majority test.</summary>
    [Benchmark(Baseline = true)]
    public int CountEveryImage()
    {
        var votes = new int[18];
        var suspects = 0;
        for (var i = 0; i < _truth.Length; i++)
        {
            Array.Clear(votes);
            foreach (var s in _submissions)
            {
                votes[s.Labels[i]]++;
            }

            var consensus = 0;
            for (var c = 1; c < 18; c++)
            {
                consensus = votes[c] > votes[consensus] ? c : consensus;
            }

            double confidence = 0;
            foreach (var s in _submissions)
            {
                confidence += s.HasProbabilities ? s.ProbabilitiesOf(i)[consensus] : 0;
            }

            suspects += consensus != _truth[i] && 2 * votes[consensus] > _submissions.Length && confidence >= 0 ? 1 : 0;
        }

        return suspects;
    }
}
