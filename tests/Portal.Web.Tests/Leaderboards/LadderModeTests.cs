using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Leaderboards;
using Portal.Core.Trust;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Leaderboards;

/// <summary>
/// Ladder mode, a host setting: the public board shows a team's new best only when it beats the shown score by more than
/// the step (Core's Ladder), with the rule on the board; off, the plain board.
/// </summary>
public sealed class LadderModeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const double Step = 0.1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublicBoard_FixedStepLadder_HoldsBackASmallGainAndShowsABigOneRounded()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(60).WithDailyLimit(10).BuildAsync();
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        var host = new Viewer(null, IsHost: true);
        var competition = (await competitions.FindAsync(scenario.Slug, host, Ct))!;
        var settings = CompetitionService.SettingsOf(competition);
        settings.LadderMode = LadderMode.FixedStep;
        settings.LadderStep = Step;
        Assert.Null(await competitions.UpdateAsync(scenario.CompetitionId, settings, Ct));
        var first = scenario.Predict(0.5, 0.5);
        var s1 = scenario.PublicScore(first);
        var small = new[] { 0.53, 0.57, 0.6 }.Select(share => scenario.Predict(share, 0.5)).First(p => scenario.PublicScore(p) > s1 && scenario.PublicScore(p) < s1 + Step);
        var big = scenario.Predict(1.0, 0.5);
        var expected = Ladder.FixedStep([s1, scenario.PublicScore(small), scenario.PublicScore(big)], Step);
        using var a = factory.WithToken(scenario.A.Token);
        competition = (await competitions.FindAsync(scenario.Slug, host, Ct))!;
        var boards = factory.Services.GetRequiredService<LeaderboardService>();

        // Act
        var firstId = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(first));
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(small));
        var afterSmall = await boards.GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);
        var bigId = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(big));
        var afterBig = await boards.GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);
        var api = await a.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{scenario.Slug}/leaderboard");

        // Assert
        Assert.False(expected[1].NewBest);
        Assert.Equal(firstId, afterSmall.Rows.Single().SubmissionId);
        Assert.Equal(expected[1].Shown, afterSmall.Rows.Single().Score, 12);
        Assert.Equal(bigId, afterBig.Rows.Single().SubmissionId);
        Assert.Equal(expected[2].Shown, afterBig.Rows.Single().Score, 12);
        Assert.Equal(3, afterBig.Rows.Single().Entries);
        Assert.Equal(BoardLadder.Explain(LadderMode.FixedStep, Step), afterBig.Ladder);
        Assert.Contains("0.1 macro F1", afterBig.Ladder, StringComparison.Ordinal);
        Assert.Equal(expected[2].Shown, api.Rows.Single().Score, 12);
    }

    [Fact]
    public async Task PublicBoard_LadderOff_IsThePlainBoardWithNoRule()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(30).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        var best = scenario.Predict(0.8, 0.5);
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.5)));
        await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(best));
        var competition = (await factory.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;

        // Act
        var board = await factory.Services.GetRequiredService<LeaderboardService>().GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);

        // Assert
        Assert.Equal(LadderMode.Off, competition.LadderMode);
        Assert.Null(board.Ladder);
        Assert.Equal(scenario.PublicScore(best), board.Rows.Single().Score, 12);
    }

    [Fact]
    public async Task Settings_LadderStepOutOfRange_IsRefusedWithASentence()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        var competition = (await competitions.FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;
        var settings = CompetitionService.SettingsOf(competition);
        settings.LadderMode = LadderMode.ParameterFree;
        settings.LadderStep = 0.5;

        // Act
        var error = await competitions.UpdateAsync(scenario.CompetitionId, settings, Ct);
        settings.LadderStep = 0.002;
        var saved = await competitions.UpdateAsync(scenario.CompetitionId, settings, Ct);
        var reread = CompetitionService.SettingsOf((await competitions.FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!);

        // Assert
        Assert.StartsWith("The ladder's step must be between", error, StringComparison.Ordinal);
        Assert.Null(saved);
        Assert.Equal(LadderMode.ParameterFree, reread.LadderMode);
        Assert.Equal(0.002, reread.LadderStep);
    }

    [Fact]
    public async Task PublicBoard_ParameterFreeLadder_ShowsTheFirstSubmissionAndTheRule()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(30).BuildAsync();
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        var competition = (await competitions.FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;
        var settings = CompetitionService.SettingsOf(competition);
        settings.LadderMode = LadderMode.ParameterFree;
        Assert.Null(await competitions.UpdateAsync(scenario.CompetitionId, settings, Ct));
        using var a = factory.WithToken(scenario.A.Token);
        var only = scenario.Predict(0.6, 0.5);
        var id = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(only));
        competition = (await competitions.FindAsync(scenario.Slug, new Viewer(null, IsHost: true), Ct))!;

        // Act
        var board = await factory.Services.GetRequiredService<LeaderboardService>().GetAsync(competition, BoardKind.Public, Viewer.Anonymous, Ct);

        // Assert
        Assert.Equal(id, board.Rows.Single().SubmissionId);
        Assert.Equal(scenario.PublicScore(only), board.Rows.Single().Score, 12);
        Assert.Contains("standard error", board.Ladder, StringComparison.Ordinal);
    }
}
