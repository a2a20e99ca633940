using Portal.Core.Comparison;
using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class FinalPickAssistantTests
{
    private readonly byte[] _truth = TrustData.Truth(2000);

    [Fact]
    public void Advise_SuggestsTheBestAndTheTiedOneThatDisagreesMost()
    {
        // Arrange: 0 far worse, 1 the best, 2 a near copy of the best, 3 as good but independent of it.
        var best = TrustData.Noisy(_truth, 0.20, 1);
        var nearCopy = Trade(best, 40);
        var independent = TrustData.Noisy(_truth, 0.205, 3);
        var worse = TrustData.Noisy(_truth, 0.5, 4);

        // Act
        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories([worse, best, nearCopy, independent]), 18, resamples: 300);

        // Assert
        Assert.Equal(1, advice.Best);
        Assert.Equal([(1, FinalPickReason.BestPublic), (3, FinalPickReason.TiedAndMostDifferent)],
            advice.Suggested.Select(p => (p.Index, p.Reason)));
        Assert.False(advice.Candidates[0].TiedWithBest);
        Assert.Equal([2, 3], advice.Tied.Select(c => c.Index));
        Assert.True(advice.Candidates[3].Disagreement > 5 * advice.Candidates[2].Disagreement);
        Assert.Equal(advice.Candidates[3].Disagreement, advice.Suggested[1].DisagreementWithPicks);
    }

    [Fact]
    public void Advise_IntervalsAreComparesPairedBootstrap()
    {
        var labels = TrustData.Board(_truth, 3, 0.2, 0.01);

        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories(labels), 18, resamples: 200, seed: 8);

        Assert.Equal(0, advice.Best);
        Assert.Null(advice.Candidates[0].ToBest);
        Assert.Equal(PairedBootstrap.MacroF1Difference(_truth, labels[2], labels[0], 18, 200, seed: 8), advice.Candidates[2].ToBest);
    }

    [Fact]
    public void Advise_NothingTied_SuggestsTheNextBestPublicScore()
    {
        var labels = TrustData.Board(_truth, 3, 0.1, 0.2);

        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories([labels[2], labels[0], labels[1]]), 18, resamples: 200);

        Assert.Empty(advice.Tied);
        Assert.Equal([(1, FinalPickReason.BestPublic), (2, FinalPickReason.NextBest)], advice.Suggested.Select(p => (p.Index, p.Reason)));
    }

    [Fact]
    public void Advise_EqualScores_TheEarlierIsBest()
    {
        var labels = TrustData.Noisy(_truth, 0.3, 1);

        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories([labels, labels]), 18, resamples: 50);

        Assert.Equal(0, advice.Best);
        Assert.Equal([0, 1], advice.Suggested.Select(p => p.Index));
    }

    [Fact]
    public void Advise_ThreeFinals_EachNextPickFarthestFromAllPicks()
    {
        var best = TrustData.Noisy(_truth, 0.20, 1);
        var independent = TrustData.Noisy(_truth, 0.205, 3);
        var copyOfIndependent = Trade(independent, 20);
        var other = TrustData.Noisy(_truth, 0.21, 6);

        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories([best, independent, copyOfIndependent, other]), 18, finals: 3, resamples: 200);

        // Never both near copies: after one of them, the other differs from the picks on 1 % of images only.
        Assert.Equal(3, advice.Suggested.Count);
        Assert.Equal(0, advice.Suggested[0].Index);
        Assert.NotEqual([1, 2], advice.Suggested.Skip(1).Select(p => p.Index).Order());
        Assert.All(advice.Suggested.Skip(1), p => Assert.True(p.DisagreementWithPicks > 0.2));
    }

    [Fact]
    public void Advise_OneSubmission_OnlyTheBest()
    {
        var advice = FinalPickAssistant.Advise(_truth, TrustData.Memories([TrustData.Noisy(_truth, 0.3, 1)]), 18, resamples: 20);

        Assert.Equal((0, FinalPickReason.BestPublic), (Assert.Single(advice.Suggested).Index, advice.Suggested[0].Reason));
    }

    /// <summary>A copy as good as <paramref name="labels"/>: <paramref name="count"/> of its mistakes fixed, as many right answers spoilt.</summary>
    private byte[] Trade(byte[] labels, int count)
    {
        var copy = labels.ToArray();
        var wrong = Enumerable.Range(0, copy.Length).Where(i => copy[i] != _truth[i]).Take(count).ToList();
        var right = Enumerable.Range(0, copy.Length).Where(i => copy[i] == _truth[i]).Take(count).ToList();
        wrong.ForEach(i => copy[i] = _truth[i]);
        right.ForEach(i => copy[i] = (byte)((_truth[i] + 1) % 18));
        return copy;
    }

    [Fact]
    public void Advise_NoSubmissions_Throws()
    {
        Assert.Throws<ArgumentException>(() => FinalPickAssistant.Advise(_truth, [], 18));
    }
}
