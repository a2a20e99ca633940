using Portal.Core.Trust;

namespace Portal.Core.Tests.Trust;

public sealed class BoardTiersTests
{
    [Fact]
    public void Compute_ClearlyDifferentRows_EachOwnTier()
    {
        var truth = TrustData.Truth(3000);
        var rows = TrustData.Memories(TrustData.Board(truth, 3, 0.1, 0.2));

        var board = BoardTiers.Compute(truth, rows, 18, 300);

        Assert.Equal([1, 2, 3], board.Rows.Select(r => r.Tier));
        Assert.All(board.Rows.Skip(1), r => Assert.True(r.StartsTier));
        Assert.Equal(3, board.TierCount);
    }

    [Fact]
    public void Compute_IdenticalRows_OneTier()
    {
        var truth = TrustData.Truth(1000);
        var labels = TrustData.Noisy(truth, 0.3, 1);

        var board = BoardTiers.Compute(truth, TrustData.Memories([labels, labels, labels]), 18, 200);

        Assert.All(board.Rows, r => Assert.Equal(1, r.Tier));
        Assert.Equal(0, board.Rows[2].ToRowAbove!.Lower);
        Assert.Equal(0, board.Rows[2].ToRowAbove!.Upper);
    }

    [Fact]
    public void Compute_DenseBoard_TiersAnchoredAtLeaderNotChained()
    {
        // Twelve rows 0.01 apart in noise: every neighbour within noise, the first and last far apart.
        var truth = TrustData.Truth(2500);
        var rows = TrustData.Board(truth, 12, 0.20, 0.01, seed: 7);
        var ordered = TrustData.Memories(rows);
        var scores = BootstrapScores.Compute(truth, ordered, 18, 400);

        var board = BoardTiers.FromScores(scores);

        Assert.True(scores.Difference(11, 0).BeyondNoise);
        Assert.True(board.TierCount > 1, "chaining neighbours would have made one tier");
        foreach (var row in board.Rows.Skip(1))
        {
            var leader = board.Rows.First(r => r.Tier == row.Tier).Position;
            if (row.StartsTier)
            {
                // Beyond noise of the previous tier's first row, which it was tested against.
                Assert.Equal(board.Rows.First(r => r.Tier == row.Tier - 1).Position, row.LeaderPosition);
                Assert.True(scores.Difference(row.Position, row.LeaderPosition!.Value).BeyondNoise);
            }
            else
            {
                Assert.Equal(leader, row.LeaderPosition);
                Assert.False(scores.Difference(row.Position, leader).BeyondNoise);
            }
        }
    }

    [Fact]
    public void FromScores_RowsCarryTheBootstrapsIntervals()
    {
        var truth = TrustData.Truth(800);
        var scores = BootstrapScores.Compute(truth, TrustData.Memories(TrustData.Board(truth, 4, 0.2, 0.05)), 18, 100, seed: 4);

        var board = BoardTiers.FromScores(scores, 0.9);

        Assert.Equal(scores.Interval(2, 0.9), board.Rows[2].Score);
        Assert.Equal(scores.Difference(2, 1, 0.9), board.Rows[2].ToRowAbove);
        Assert.Null(board.Rows[0].ToRowAbove);
        Assert.Equal((100, 4UL, 0.9), (board.Resamples, board.Seed, board.Confidence));
    }

    [Fact]
    public void Compute_EmptyBoard_NoRows()
    {
        var board = BoardTiers.Compute(TrustData.Truth(10), [], 18, 10);

        Assert.Empty(board.Rows);
        Assert.Equal(0, board.TierCount);
    }
}
