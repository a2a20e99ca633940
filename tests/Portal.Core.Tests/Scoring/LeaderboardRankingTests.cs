using Portal.Core.Scoring;

namespace Portal.Core.Tests.Scoring;

public sealed class LeaderboardRankingTests
{
    private static readonly DateTime T0 = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
    private static int _id;

    private static LeaderboardEntry Entry(int team, double publicScore, double? privateScore = null, int minutes = 0, bool final = false, bool baseline = false) =>
        new(team, $"team {team}", baseline, Interlocked.Increment(ref _id), T0.AddMinutes(minutes), publicScore, privateScore, final);

    [Fact]
    public void Public_OneRowPerTeam_BestScoreRankedHighestFirst()
    {
        var board = LeaderboardRanking.Public([Entry(1, 0.5), Entry(1, 0.7), Entry(2, 0.6), Entry(3, 0.8)]);

        Assert.Equal([3, 1, 2], board.Select(r => r.TeamId));
        Assert.Equal([1, 2, 3], board.Select(r => r.Rank!.Value));
        Assert.Equal(0.7, board[1].Score);
        Assert.Equal(2, board[1].Entries);
    }

    [Fact]
    public void Public_EqualScores_EarlierSubmissionRanksFirst()
    {
        var board = LeaderboardRanking.Public([Entry(1, 0.7, minutes: 30), Entry(2, 0.7, minutes: 10)]);

        Assert.Equal([2, 1], board.Select(r => r.TeamId));
    }

    [Fact]
    public void Public_SameTeamEqualScores_KeepsTheEarlierSubmission()
    {
        var early = Entry(1, 0.7, minutes: 1);
        var board = LeaderboardRanking.Public([Entry(1, 0.7, minutes: 5), early]);

        Assert.Equal(early.SubmissionId, Assert.Single(board).SubmissionId);
    }

    [Fact]
    public void Public_Baseline_IsShownInPlaceButNotRanked()
    {
        var board = LeaderboardRanking.Public([Entry(1, 0.5), Entry(9, 0.6, baseline: true), Entry(2, 0.7)]);

        Assert.Equal([2, 9, 1], board.Select(r => r.TeamId));
        Assert.Equal([1, (int?)null, 2], board.Select(r => r.Rank));
    }

    [Fact]
    public void Private_SelectedFinals_AreTheOnlyCandidates()
    {
        // Team 1's best private (0.9) was not selected, so it does not count.
        var board = LeaderboardRanking.Private(
            [Entry(1, 0.6, 0.9), Entry(1, 0.7, 0.5, final: true), Entry(2, 0.65, 0.6)], finalsAllowed: 2);

        Assert.Equal([2, 1], board.Select(r => r.TeamId));
        Assert.Equal(0.5, board[1].Score);
    }

    [Fact]
    public void Private_NoFinalsSelected_UsesBestNByPublic()
    {
        // Best two by public are 0.8 (private 0.4) and 0.7 (private 0.6): 0.6 counts, not the 0.95 of the weakest public.
        var board = LeaderboardRanking.Private([Entry(1, 0.8, 0.4), Entry(1, 0.7, 0.6), Entry(1, 0.5, 0.95)], finalsAllowed: 2);

        Assert.Equal(0.6, Assert.Single(board).Score);
    }

    [Fact]
    public void Private_ShakeUp_ReportsRankChange()
    {
        var board = LeaderboardRanking.Private([Entry(1, 0.8, 0.6), Entry(2, 0.7, 0.75), Entry(3, 0.6, 0.5)], finalsAllowed: 2);

        Assert.Equal([2, 1, 3], board.Select(r => r.TeamId));
        Assert.Equal([1, -1, 0], board.Select(r => r.RankChange!.Value));
    }
}
