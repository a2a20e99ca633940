using Portal.Core.Competitions;
using Portal.Core.Comparison;
using Portal.Core.Tests.Support;

namespace Portal.Core.Tests.Comparison;

public sealed class ComparisonTests
{
    private static byte[] Noisy(ReadOnlySpan<byte> labels, double noise, int seed)
    {
        var random = new Random(seed);
        var result = labels.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            if (random.NextDouble() < noise)
            {
                result[i] = (byte)random.Next(18);
            }
        }

        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Kappa_SubmissionWithItself_IsOne(int seed)
    {
        var labels = Noisy(Csv.Truth(500, seed: seed).Labels, 0.3, seed);

        var agreement = PairComparer.Compare(labels, labels, ClassTaxonomy.MaskGenderAge);

        Assert.Equal(1.0, agreement.Kappa);
        Assert.Equal(1.0, agreement.Rate);
        Assert.Equal(0, agreement.Differing);
        Assert.All(agreement.Attributes, a => Assert.Equal(0, a.Count));
    }

    [Fact]
    public void Kappa_ConstantIdenticalLabellings_IsUndefinedWithItsReason()
    {
        byte[] constant = [4, 4, 4, 4];

        var agreement = PairComparer.Compare(constant, constant, ClassTaxonomy.MaskGenderAge);

        Assert.Null(agreement.Kappa);
        Assert.Equal(1.0, agreement.Rate);
        Assert.Equal("both submissions predict a single class, so chance agreement is 1", agreement.KappaUndefinedReason);
    }

    [Fact]
    public void Kappa_ConstantOnDifferentClasses_IsZeroAsScikitLearn()
    {
        byte[] a = [4, 4, 4, 4];
        byte[] b = [7, 7, 7, 7];

        var agreement = PairComparer.Compare(a, b, ClassTaxonomy.MaskGenderAge);

        Assert.Equal(0.0, agreement.Kappa);
        Assert.Null(agreement.KappaUndefinedReason);
    }

    [Fact]
    public void Kappa_OneConstantOneNot_IsDefined()
    {
        byte[] a = [4, 4, 4, 4];
        byte[] b = [4, 4, 4, 7];

        Assert.Equal(0.0, PairComparer.Compare(a, b, ClassTaxonomy.MaskGenderAge).Kappa);
    }

    [Fact]
    public void Kappa_NoImages_IsUndefined()
    {
        var agreement = PairComparer.Compare([], [], ClassTaxonomy.MaskGenderAge);

        Assert.Null(agreement.Kappa);
        Assert.Equal("no images were compared", agreement.KappaUndefinedReason);
    }

    [Fact]
    public void Compare_GenderFlipOnly_CountsGenderDisagreementOnly()
    {
        byte[] a = [0, 7, 14];
        byte[] b = [3, 10, 17];

        var agreement = PairComparer.Compare(a, b, ClassTaxonomy.MaskGenderAge);

        Assert.Equal([0L, 3L, 0L], agreement.Attributes.Select(x => x.Count));
        Assert.Equal(1, agreement.Transition[0, 3]);
        Assert.Equal(1, agreement.CountsA[7]);
        Assert.Equal(1, agreement.CountsB[10]);
    }

    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 1, 1.0)]
    [InlineData(0, 5, 0.0625)]
    [InlineData(2, 8, 0.109375)]
    [InlineData(1, 9, 0.021484375)]
    public void McNemar_SmallCounts_EqualsExactBinomial(long onlyA, long onlyB, double expected)
    {
        Assert.Equal(expected, McNemarTable.ExactPValue(onlyA, onlyB), 15);
    }

    [Fact]
    public void McNemar_LargeCounts_DoNotUnderflow()
    {
        // Against scipy.stats.binomtest(4900, 10000, 0.5).pvalue.
        Assert.Equal(0.046585527704947234, McNemarTable.ExactPValue(4900, 5100), 10);
        Assert.Equal(1.0, McNemarTable.ExactPValue(5600, 6400) / 2.9537842325597434e-13, 9);
        Assert.Equal(0.0, McNemarTable.ExactPValue(3000, 9000));
    }

    [Fact]
    public void Bootstrap_SameSeed_IsDeterministic()
    {
        var truth = Csv.Truth(3000).Labels.ToArray();
        var a = Noisy(truth, 0.3, 1);
        var b = Noisy(truth, 0.2, 2);

        var first = PairedBootstrap.MacroF1Difference(truth, a, b, 18, 300, seed: 5);
        var second = PairedBootstrap.MacroF1Difference(truth, a, b, 18, 300, seed: 5);
        var other = PairedBootstrap.MacroF1Difference(truth, a, b, 18, 300, seed: 6);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Lower, other.Lower);
    }

    [Fact]
    public void Bootstrap_ClearlyBetterB_IsBeyondNoiseAndContainsObserved()
    {
        var truth = Csv.Truth(5000).Labels.ToArray();
        var a = Noisy(truth, 0.5, 1);
        var b = Noisy(truth, 0.1, 2);

        var interval = PairedBootstrap.MacroF1Difference(truth, a, b, 18);

        Assert.True(interval.Lower > 0);
        Assert.InRange(interval.ObservedDifference, interval.Lower, interval.Upper);
        Assert.True(interval.BeyondNoise);
        Assert.Equal("B is better than A beyond noise.", interval.Verdict);
        Assert.Equal(1.0, interval.FractionBBetter);
    }

    [Fact]
    public void Bootstrap_SameQualityNoise_IsWithinNoise()
    {
        var truth = Csv.Truth(2000).Labels.ToArray();
        var a = Noisy(truth, 0.3, 1);
        var b = Noisy(truth, 0.3, 2);

        var interval = PairedBootstrap.MacroF1Difference(truth, a, b, 18);

        Assert.False(interval.BeyondNoise);
        Assert.True(interval.Lower < 0 && interval.Upper > 0);
    }

    [Fact]
    public void Percentile_MatchesNumpyLinearInterpolation()
    {
        double[] sorted = [1, 2, 3, 4, 10];

        Assert.Equal(1.1, Percentile.Linear(sorted, 0.025), 12);
        Assert.Equal(9.4, Percentile.Linear(sorted, 0.975), 12);
    }

    [Fact]
    public void DisagreementMatrix_EqualsNaiveCount()
    {
        var truth = Csv.Truth(1037).Labels.ToArray();
        var submissions = Enumerable.Range(0, 6).Select(s => (ReadOnlyMemory<byte>)Noisy(truth, 0.1 * s, s)).ToArray();

        var matrix = DisagreementMatrix.Compute(submissions);

        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var naive = Enumerable.Range(0, truth.Length).Count(k => submissions[i].Span[k] != submissions[j].Span[k]);
                Assert.Equal(naive, matrix.Count(i, j));
                Assert.Equal(naive / 1037.0, matrix.Rate(i, j), 12);
            }
        }
    }
}
