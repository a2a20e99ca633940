using Portal.Core.Competitions;
using Portal.Core.Comparison;
using Portal.Core.Scoring;

namespace Portal.Core.Tests.Comparison;

public sealed class SubmissionComparisonTests
{
    private static readonly ClassTaxonomy Taxonomy = ClassTaxonomy.MaskGenderAge;

    // truth, A and B over eight images: A right on 0-5, B right on 0-3 and 6-7.
    private static readonly byte[] Truth = [0, 1, 2, 3, 4, 5, 6, 7];
    private static readonly byte[] A = [0, 1, 2, 3, 4, 5, 0, 0];
    private static readonly byte[] B = [0, 1, 2, 3, 3, 3, 6, 7];

    [Fact]
    public void Compute_WithoutTruth_HasAgreementOnlyAndNoJudgedPart()
    {
        var comparison = SubmissionComparison.Compute(A, B, Taxonomy);

        Assert.Null(comparison.Judged);
        Assert.Equal(4, comparison.Agreement.Differing);
        Assert.Equal(0.5, comparison.Agreement.Rate);
        Assert.Equal(1, comparison.Agreement.Transition[4, 3]);
        Assert.Equal(3, comparison.Agreement.CountsB[3]);
    }

    [Fact]
    public void Compute_WithTruth_CountsMcNemarQuadrants()
    {
        var judged = SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 50).Judged!;

        Assert.Equal(4, judged.McNemar.BothCorrect);
        Assert.Equal(2, judged.McNemar.OnlyACorrect);
        Assert.Equal(2, judged.McNemar.OnlyBCorrect);
        Assert.Equal(0, judged.McNemar.BothWrong);
        Assert.Equal(1.0, judged.McNemar.PValue);
        Assert.Equal(8, judged.Count);
    }

    [Fact]
    public void Compute_WithTruth_PerClassF1MatchesScorerAndDifferencesSortDescending()
    {
        var judged = SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 50).Judged!;

        var expectedA = Scorer.Score(Truth, A, Taxonomy);
        var expectedB = Scorer.Score(Truth, B, Taxonomy);
        Assert.Equal(expectedA.MacroF1, judged.A.MacroF1);
        Assert.Equal(expectedB.MacroF1, judged.B.MacroF1);
        Assert.Equal(Taxonomy.Count, judged.ClassDifferences.Count);
        Assert.Equal(judged.ClassDifferences.Select(d => d.Difference).OrderDescending(), judged.ClassDifferences.Select(d => d.Difference));
        var seven = judged.ClassDifferences.Single(d => d.Class == 7);
        Assert.Equal(expectedA.PerClass[7].F1, seven.F1A);
        Assert.Equal(1.0, seven.F1B);
        Assert.Equal(judged.B.MacroF1 - judged.A.MacroF1, judged.Bootstrap.ObservedDifference, 12);
    }

    [Fact]
    public void Compute_WithTruth_ConfusionDifferenceIsBMinusA()
    {
        var judged = SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 50).Judged!;

        var difference = judged.ConfusionDifference();

        var c = Taxonomy.Count;
        Assert.Equal(-1, difference[6 * c + 0]);
        Assert.Equal(1, difference[6 * c + 6]);
        Assert.Equal(1, difference[4 * c + 3]);
        Assert.Equal(-1, difference[4 * c + 4]);
        Assert.Equal(0, difference.Sum());
    }

    [Fact]
    public void Compute_JudgedPositions_JudgesOnlyThoseButAgreesOverAll()
    {
        int[] publicPositions = [0, 1, 6, 7];

        var comparison = SubmissionComparison.Compute(A, B, Taxonomy, Truth, publicPositions, resamples: 50);

        Assert.Equal(8, comparison.Agreement.Count);
        var judged = comparison.Judged!;
        Assert.Equal(4, judged.Count);
        Assert.Equal(2, judged.McNemar.BothCorrect);
        Assert.Equal(0, judged.McNemar.OnlyACorrect);
        Assert.Equal(2, judged.McNemar.OnlyBCorrect);
    }

    [Fact]
    public void Compute_SameSeed_GivesSameInterval()
    {
        var first = SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 200, seed: 7).Judged!.Bootstrap;
        var second = SubmissionComparison.Compute(A, B, Taxonomy, Truth, null, resamples: 200, seed: 7).Judged!.Bootstrap;

        Assert.Equal(first, second);
        Assert.False(string.IsNullOrWhiteSpace(first.Verdict));
    }

    [Fact]
    public void DifferingPositions_TwoLabellings_ListsWhereTheyDiffer()
    {
        Assert.Equal([4, 5, 6, 7], SubmissionComparison.DifferingPositions(A, B));
        Assert.Empty(SubmissionComparison.DifferingPositions(A, A));
    }

    [Fact]
    public void Compute_TruthOfOtherLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => SubmissionComparison.Compute(A, B, Taxonomy, [0, 1], null));
    }
}
