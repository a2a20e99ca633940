using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Api;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Leaderboards;

/// <summary>
/// The board rules end to end. Team A's first submission is good on the public split and poor on
/// the private one, its second the other way round; team B's one submission is good on both.
/// With one final allowed, what A selects decides its private score.
/// </summary>
[AlsoOnPostgres]
public sealed class LeaderboardRulesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Boards_FinalSelectedBeforeClose_PublicRanksBestPublicAndPrivateFollowsFinal()
    {
        // Arrange
        var board = await SubmitAllAsync();
        using var anonymous = factory.Anonymous();
        var publicBoard = await anonymous.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{board.Scenario.Slug}/leaderboard?board=public");
        using var hiddenPrivate = await anonymous.GetPathAsync($"/api/v1/competitions/{board.Scenario.Slug}/leaderboard?board=private");
        var member = new Viewer(board.Scenario.A.FirstMember.Id, IsHost: false);

        // Act
        var refused = await factory.Services.GetRequiredService<SubmissionService>().SetFinalAsync(board.B1, true, member, Ct);
        var selected = await factory.Services.GetRequiredService<SubmissionService>().SetFinalAsync(board.A2, true, member, Ct);
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(board.Scenario.CompetitionId, Ct);
        var privateBoard = await anonymous.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{board.Scenario.Slug}/leaderboard?board=private");

        // Assert
        Assert.Collection(publicBoard.Rows,
            b => AssertRow(b, 1, "Team B", board.PublicB1, entries: 1, change: null),
            a => AssertRow(a, 2, "Team A", board.PublicA1, entries: 2, change: null));
        Assert.Equal(HttpStatusCode.Forbidden, hiddenPrivate.StatusCode);
        Assert.Equal("Submission not found.", refused);
        Assert.Null(selected);
        Assert.Collection(privateBoard.Rows,
            a => AssertRow(a, 1, "Team A", board.PrivateA2, entries: 2, change: +1),
            b => AssertRow(b, 2, "Team B", board.PrivateB1, entries: 1, change: -1));
    }

    [Fact]
    public async Task PrivateBoard_NoFinalSelected_JudgesEachTeamByItsBestPublicSubmission()
    {
        // Arrange
        var board = await SubmitAllAsync();
        using var anonymous = factory.Anonymous();

        // Act
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(board.Scenario.CompetitionId, Ct);
        var privateBoard = await anonymous.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{board.Scenario.Slug}/leaderboard?board=private");

        // Assert
        Assert.Collection(privateBoard.Rows,
            b => AssertRow(b, 1, "Team B", board.PrivateB1, entries: 1, change: 0),
            a => AssertRow(a, 2, "Team A", board.PrivateA1, entries: 2, change: 0));
    }

    [Fact]
    public async Task SetFinal_AfterClose_RefusedForParticipant()
    {
        // Arrange
        var board = await SubmitAllAsync();
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(board.Scenario.CompetitionId, Ct);

        // Act
        var refused = await factory.Services.GetRequiredService<SubmissionService>()
            .SetFinalAsync(board.A2, true, new Viewer(board.Scenario.A.FirstMember.Id, IsHost: false), Ct);

        // Assert
        Assert.Equal("The competition is closed; final submissions can no longer change.", refused);
    }

    private static void AssertRow(ApiLeaderboardRow row, int rank, string team, double score, int entries, int? change)
    {
        Assert.Equal(rank, row.Rank);
        Assert.Equal(team, row.Team);
        Assert.Equal(score, row.Score, 12);
        Assert.Equal(entries, row.Entries);
        Assert.Equal(change, row.RankChange);
        Assert.False(row.Baseline);
    }

    /// <summary>A1 (public 0.7 right, private 0.3), then A2 (0.5, 1.0), and B1 (0.9, 0.8), all scored.</summary>
    private async Task<Submitted> SubmitAllAsync()
    {
        var scenario = await new ScenarioBuilder(factory).WithFinalSelectionLimit(1).BuildAsync();
        var a1 = scenario.Predict(0.7, 0.3);
        var a2 = scenario.Predict(0.5, 1.0);
        var b1 = scenario.Predict(0.9, 0.8);
        var board = new Submitted(scenario, 0, 0, 0,
            scenario.PublicScore(a1), scenario.PrivateScore(a1), scenario.PrivateScore(a2), scenario.PublicScore(b1), scenario.PrivateScore(b1));
        Assert.True(board.PublicB1 > board.PublicA1 && board.PublicA1 > scenario.PublicScore(a2), "B leads the public board; A's best public is A1.");
        Assert.True(board.PrivateA2 > board.PrivateB1 && board.PrivateB1 > board.PrivateA1, "A2 beats B1 on the private split, A1 does not.");

        using var teamA = factory.WithToken(scenario.A.Token);
        using var teamB = factory.WithToken(scenario.B.Token);
        var idA1 = await teamA.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(a1));
        var idA2 = await teamA.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(a2));
        var idB1 = await teamB.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(b1));
        foreach (var (client, id) in new[] { (teamA, idA1), (teamA, idA2), (teamB, idB1) })
        {
            Assert.Equal("scored", (await client.WaitUntilDoneAsync(id)).Status);
        }

        return board with { A1 = idA1, A2 = idA2, B1 = idB1 };
    }

    private sealed record Submitted(
        Scenario Scenario, int A1, int A2, int B1,
        double PublicA1, double PrivateA1, double PrivateA2, double PublicB1, double PrivateB1);
}
