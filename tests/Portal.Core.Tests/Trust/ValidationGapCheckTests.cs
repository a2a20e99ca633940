using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class ValidationGapCheckTests
{
    private static readonly ScoreInterval Public = new(0.71, 0.70, 0.72, 0.95);

    [Fact]
    public void Assess_ClassicNearPerfectValidation_IsAShiftWithTheSentence()
    {
        var gap = ValidationGapCheck.Assess(Public, 0.998);

        Assert.Equal(ValidationGapVerdict.Shift, gap.Verdict);
        Assert.Equal(0.288, gap.Gap, 12);
        Assert.Equal(28.8, gap.Ratio, 9);
        Assert.StartsWith("Your validation set does not look like the test set.", gap.Message, StringComparison.Ordinal);
        Assert.Contains("validation 0.9980 against public 0.7100 (95% interval 0.7000 to 0.7200)", gap.Message, StringComparison.Ordinal);
        Assert.Contains("same person", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_InsideThePublicInterval_IsWithinNoise()
    {
        var gap = ValidationGapCheck.Assess(Public, 0.715);

        Assert.Equal(ValidationGapVerdict.WithinNoise, gap.Verdict);
        Assert.StartsWith("Your validation score agrees with the public score within noise", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_FoldSpread_WidensTheToleranceAsIndependentNoise()
    {
        var withoutFolds = ValidationGapCheck.Assess(Public, 0.76);
        var withFolds = ValidationGapCheck.Assess(Public, 0.76, new ValidationFolds(0.755, 0.02, 5));

        Assert.Equal(ValidationGapVerdict.Shift, withoutFolds.Verdict);
        Assert.Equal(Math.Sqrt(0.01 * 0.01 + 1.959963984540054 * 0.02 * 1.959963984540054 * 0.02), withFolds.Tolerance, 12);
        Assert.Equal(ValidationGapVerdict.BeyondNoise, withFolds.Verdict);
        Assert.Equal(0.76, withFolds.Validation);
    }

    [Fact]
    public void Assess_UsesTheIntervalsSideTowardsTheValidation()
    {
        var skewed = new ScoreInterval(0.71, 0.69, 0.715, 0.95);

        var above = ValidationGapCheck.Assess(skewed, 0.72);
        var below = ValidationGapCheck.Assess(skewed, 0.70);

        Assert.Equal(2, above.Ratio, 9);
        Assert.Equal(ValidationGapVerdict.BeyondNoise, above.Verdict);
        Assert.Equal(0.5, below.Ratio, 9);
        Assert.Equal(ValidationGapVerdict.WithinNoise, below.Verdict);
    }

    [Fact]
    public void Assess_FarBelowPublic_IsAShiftAskingToCheckTheValidation()
    {
        var gap = ValidationGapCheck.Assess(Public, 0.4);

        Assert.Equal(ValidationGapVerdict.Shift, gap.Verdict);
        Assert.Contains("far below the public score", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_FoldsOnly_UsesTheirMean()
    {
        var gap = ValidationGapCheck.Assess(Public, null, ValidationFolds.FromValues([0.9, 0.92, 0.95]));

        Assert.Equal(0.9233333333333333, gap.Validation, 12);
        Assert.Equal(0.025166114784235794, gap.Folds!.StandardDeviation, 12);
    }

    [Fact]
    public void Assess_ZeroWidthInterval_GapIsInfinitelyBeyondNoise()
    {
        var gap = ValidationGapCheck.Assess(new ScoreInterval(1, 1, 1, 0.95), 0.99);

        Assert.Equal(double.PositiveInfinity, gap.Ratio);
        Assert.Equal(ValidationGapVerdict.Shift, gap.Verdict);
        Assert.Contains("far more than what noise explains", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_BadInputs_Throw()
    {
        Assert.Throws<ArgumentException>(() => ValidationGapCheck.Assess(Public, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationGapCheck.Assess(Public, 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValidationGapCheck.Assess(Public, double.NaN));
        Assert.Throws<ArgumentException>(() => ValidationFolds.FromValues([0.9]));
    }
}
