using Portal.Core.Scoring;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class LadderTests
{
    [Fact]
    public void FixedStep_ShowsANewBestOnlyBeyondTheStep_RoundedToIt()
    {
        double[] scores = [0.70, 0.7005, 0.7012, 0.7019, 0.69, 0.7036];

        var steps = Ladder.FixedStep(scores, 0.001);

        Assert.Equal([true, false, true, false, false, true], steps.Select(s => s.NewBest));
        Assert.Equal([0.700, 0.700, 0.701, 0.701, 0.701, 0.704], steps.Select(s => Math.Round(s.Shown, 9)));
        Assert.Equal(scores, steps.Select(s => s.Score));
    }

    [Fact]
    public void FixedStep_CreepingImprovements_ShowEveryFewSteps()
    {
        // Each new best is shown rounded down to the step grid, so the next one needs to clear that.
        var scores = Enumerable.Range(0, 10).Select(i => 0.7 + 0.0004 * i).ToArray();

        var steps = Ladder.FixedStep(scores, 0.001);

        Assert.Equal([0, 3, 6, 8], steps.Select((s, i) => (s, i)).Where(x => x.s.NewBest).Select(x => x.i));
    }

    [Fact]
    public void FixedStep_BadStep_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ladder.FixedStep([0.5], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ladder.FixedStep([double.NaN]));
    }

    [Fact]
    public void FixedStep_HillClimbingOnSingleImages_LearnsNothingUnderTheLadder()
    {
        // The attack the ladder exists for: change one image's label per submission and keep the change when the
        // board shows a new best. On an exact board that reads the public labels image by image.
        var truth = TrustData.Truth(2000);
        var start = TrustData.Noisy(truth, 0.5, 1);

        var exactGain = Climb(truth, start, step: 1e-12) - MacroF1(truth, start);
        var ladderGain = Climb(truth, start, step: Ladder.DefaultStep) - MacroF1(truth, start);

        Assert.True(exactGain > 0.005, $"exact board: +{exactGain}");
        Assert.Equal(0, ladderGain);
    }

    [Fact]
    public void ParameterFree_NewBestOnlyBeyondOneStandardErrorOfThePairedDifference()
    {
        // 0: a first model; 1: as good, a little different; 2: clearly better; 3: a hair better than 2.
        var truth = TrustData.Truth(2000);
        var first = TrustData.Noisy(truth, 0.30, 1);
        var similar = TrustData.Noisy(truth, 0.298, 2);
        var better = TrustData.Noisy(truth, 0.15, 3);
        var hair = better.ToArray();
        for (var i = 0; i < hair.Length; i++)
        {
            if (hair[i] != truth[i])
            {
                hair[i] = truth[i];
                break;
            }
        }

        var scores = BootstrapScores.Compute(truth, TrustData.Memories([first, similar, better, hair]), 18, 300);

        var steps = Ladder.ParameterFree(scores);

        Assert.Equal([true, false, true, false], steps.Select(s => s.NewBest));
        Assert.Equal(scores.Observed(2), steps[3].Shown);
        Assert.True(scores.Observed(3) > scores.Observed(2));
        Assert.Equal(scores.Observed(0), steps[1].Shown);
    }

    private static double Climb(byte[] truth, byte[] start, double step)
    {
        var current = start.ToArray();
        var history = new List<double> { MacroF1(truth, current) };
        Ladder.FixedStep(history.ToArray(), step);
        var random = new Random(7);
        for (var round = 0; round < 400; round++)
        {
            var image = random.Next(current.Length);
            var before = current[image];
            current[image] = (byte)((before + 1 + random.Next(17)) % 18);
            history.Add(MacroF1(truth, current));
            if (!Ladder.FixedStep(history.ToArray(), step)[^1].NewBest)
            {
                current[image] = before;
            }
        }

        return MacroF1(truth, current);
    }

    private static double MacroF1(byte[] truth, byte[] labels) => ClassificationMetrics.MacroF1(ConfusionMatrix.Compute(truth, labels, 18));
}
