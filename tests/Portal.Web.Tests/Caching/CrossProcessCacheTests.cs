using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Caching;
using Portal.Application.Competitions;
using Portal.Application.Leaderboards;
using Portal.Application.Submissions;
using Portal.Application.Teams;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Caching;

/// <summary>
/// Two processes over one database: the app of a <see cref="PortalFactory"/> writes (scores, final picks, a close,
/// a new hidden set) and a <see cref="SecondProcess"/>, with its own caches and its own in-process events (so no message
/// of the first ever reaches it), reads. Each write must be seen at the second's next read, through the version
/// stored with the data alone; a read with no write between must not load again.
/// </summary>
[AlsoOnPostgres]
public sealed class CrossProcessCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Viewer Host = new(null, IsHost: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Board_ScoreWrittenByAnotherProcess_IsOnTheBoardAtTheNextRead()
    {
        // Arrange: the second process has the empty board cached.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var boards = new CountingCompetitionCache<LeaderboardSnapshot>();
        using var second = SecondProcess.Over(factory.Store, s => s.AddSingleton<ICompetitionCache<LeaderboardSnapshot>>(boards));
        var before = await PublicBoardAsync(second, scenario);
        using var teamA = factory.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.8, 0.6);

        // Act: scored by the first process's worker.
        var id = await teamA.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted));
        Assert.Equal("scored", (await teamA.WaitUntilDoneAsync(id)).Status);
        var after = await PublicBoardAsync(second, scenario);

        // Assert
        Assert.Empty(before.Rows);
        var row = Assert.Single(after.Rows);
        Assert.Equal(id, row.SubmissionId);
        Assert.Equal(scenario.PublicScore(predicted), row.Score, 12);
        Assert.Equal(2, boards.Loads);
    }

    [Fact]
    public async Task Board_FinalPickAndCloseByAnotherProcess_AreSeenAtTheNextRead()
    {
        // Arrange: with one final allowed, A's private row is its best public submission (A1) until it picks A2.
        var scenario = await new ScenarioBuilder(factory).WithFinalSelectionLimit(1).BuildAsync();
        using var teamA = factory.WithToken(scenario.A.Token);
        var a1 = await SubmitScoredAsync(teamA, scenario, scenario.Predict(0.8, 0.2));
        var a2 = await SubmitScoredAsync(teamA, scenario, scenario.Predict(0.4, 0.9));
        var boards = new CountingCompetitionCache<LeaderboardSnapshot>();
        using var second = SecondProcess.Over(factory.Store, s => s.AddSingleton<ICompetitionCache<LeaderboardSnapshot>>(boards));
        var member = new Viewer(scenario.A.FirstMember.Id, IsHost: false);
        var beforePick = await PrivateBoardAsync(second, scenario, Host);
        var beforeClose = await PrivateBoardAsync(second, scenario, member);

        // Act
        Assert.Null(await factory.Services.GetRequiredService<SubmissionService>().SetFinalAsync(a2, true, member, Ct));
        var afterPick = await PrivateBoardAsync(second, scenario, Host);
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);
        var afterClose = await PrivateBoardAsync(second, scenario, member);

        // Assert
        Assert.Equal(a1, Assert.Single(beforePick.Rows).SubmissionId);
        Assert.Equal(a2, Assert.Single(afterPick.Rows).SubmissionId);
        Assert.NotNull(beforeClose.Unavailable);
        Assert.Equal(a2, Assert.Single(afterClose.Rows).SubmissionId);
        Assert.Equal(3, boards.Loads);
    }

    [Fact]
    public async Task Board_ReadAgainAfterWritesThatChangeNoBoard_IsNotLoadedAgain()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var teamA = factory.WithToken(scenario.A.Token);
        await SubmitScoredAsync(teamA, scenario, scenario.Predict(0.5, 0.5));
        var boards = new CountingCompetitionCache<LeaderboardSnapshot>();
        using var second = SecondProcess.Over(factory.Store, s => s.AddSingleton<ICompetitionCache<LeaderboardSnapshot>>(boards));
        var first = await PublicBoardAsync(second, scenario);

        // Act: a new API token and a new team member change nothing on a board.
        await factory.Services.GetRequiredService<TeamService>().RotateTokenAsync(scenario.A.Id, Ct);
        var newcomer = await new ScenarioBuilder(factory).UserAsync($"{scenario.Slug}-late@participants.test", "Late Member");
        Assert.Null((await factory.Services.GetRequiredService<TeamService>().JoinAsync(scenario.CompetitionId, newcomer.Id, scenario.A.InviteCode, Ct)).Error);
        var again = await PublicBoardAsync(second, scenario);

        // Assert
        Assert.Same(first.Rows, again.Rows);
        Assert.Equal(1, boards.Loads);
    }

    [Fact]
    public async Task HiddenSet_ReplacedByAnotherProcess_IsReadAgainAtTheNextRead()
    {
        // Arrange: a draft competition with a 6-image hidden set, cached by the second process.
        var competitions = factory.Services.GetRequiredService<CompetitionService>();
        var (id, error) = await competitions.CreateAsync(new CompetitionSettings
        {
            Slug = $"versions-{Guid.NewGuid():N}"[..24],
            Title = "Hidden-set versions",
            MaskAxes = true,
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(1),
            TimeZone = "UTC",
        }, Ct);
        Assert.Null(error);
        await ImportAsync(id!.Value, images: 6);
        var sets = new CountingCompetitionCache<LoadedHiddenSet?>();
        using var second = SecondProcess.Over(factory.Store, s => s.AddSingleton<ICompetitionCache<LoadedHiddenSet?>>(sets));
        var cache = second.Services.GetRequiredService<HiddenSetCache>();
        var before = await cache.GetAsync(id.Value);
        var unchanged = await cache.GetAsync(id.Value);

        // Act
        await ImportAsync(id.Value, images: 9);
        var after = await cache.GetAsync(id.Value);

        // Assert
        Assert.Equal(6, before!.Truth.Count);
        Assert.Same(before, unchanged);
        Assert.Equal(9, after!.Truth.Count);
        Assert.Equal(2, sets.Loads);
    }

    private static Task<LeaderboardView> PublicBoardAsync(SecondProcess second, Scenario scenario) =>
        BoardAsync(second, scenario, BoardKind.Public, Host);

    private static Task<LeaderboardView> PrivateBoardAsync(SecondProcess second, Scenario scenario, Viewer viewer) =>
        BoardAsync(second, scenario, BoardKind.Private, viewer);

    // As a page of the second process reads it: the competition afresh, then its board.
    private static async Task<LeaderboardView> BoardAsync(SecondProcess second, Scenario scenario, BoardKind board, Viewer viewer)
    {
        var competition = await second.Services.GetRequiredService<CompetitionService>().FindAsync(scenario.Slug, viewer, Ct);
        return await second.Services.GetRequiredService<LeaderboardService>().GetAsync(competition!, board, viewer, Ct);
    }

    private static async Task<int> SubmitScoredAsync(HttpClient team, Scenario scenario, byte[] predicted)
    {
        var id = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(predicted));
        Assert.Equal("scored", (await team.WaitUntilDoneAsync(id)).Status);
        return id;
    }

    private async Task ImportAsync(int competitionId, int images)
    {
        var folder = PortalFactory.NewDataDirectory();
        try
        {
            ScenarioBuilder.WriteHiddenSet(folder, images);
            var imported = await factory.Services.GetRequiredService<HiddenSetImporter>().ImportFolderAsync(competitionId, folder, moveFiles: true, Ct);
            Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Sentences));
        }
        finally
        {
            PortalFactory.DeleteDataDirectory(folder);
        }
    }
}
