using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Application.Access;
using Portal.Application.Caching;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Components.Shared;

namespace Portal.Web.Tests.Components;

/// <summary>The leaderboard panel over a real <see cref="LeaderboardService"/>: it follows board changes, and a failed reload is not lost.</summary>
public sealed class LeaderboardPanelTests : PortalComponentTest, IClassFixture<TeamDatabaseFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SwitchableCache _cache = new();

    public LeaderboardPanelTests(TeamDatabaseFixture database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Services.AddPortalDatabase(database.Store.Database, database.Store.DataDirectory);
        Services.AddSingleton<ILogger<InProcessPortalEvents>>(NullLogger<InProcessPortalEvents>.Instance);
        Services.AddSingleton<IPortalEvents, InProcessPortalEvents>();
        Services.AddSingleton<ICompetitionCache<LeaderboardSnapshot>>(_cache);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<LeaderboardService>();
        Services.AddSingleton(typeof(ICompetitionCache<>), typeof(InProcessCompetitionCache<>));
        Services.AddSingleton<Portal.Application.Competitions.HiddenSetCache>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new Portal.Application.PortalOptions()));
        Services.AddSingleton<BoardIntervalsService>();
        Services.AddSingleton<ShakeUpForecastService>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task LeaderboardPanel_ScoreStoredThenBoardChanged_ShowsTheNewRow()
    {
        // Arrange
        var (competition, teamId) = await SeedAsync();
        var cut = Render<LeaderboardPanel>(p => p.Add(c => c.Context, new CompetitionContext(competition, new Viewer(null, IsHost: true), null)));
        cut.WaitForElement("[data-testid=leaderboard-empty]", Wait);

        // Act
        await ScoreAsync(competition.Id, teamId);
        Services.GetRequiredService<IPortalEvents>().Publish(new BoardChanged(competition.Id));

        // Assert
        cut.WaitForAssertion(() => Assert.Equal("0.8125", cut.Find("[data-testid=team-score]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task LeaderboardPanel_ReloadAfterBoardChangedFails_ExceptionReachesTheRenderer()
    {
        // Arrange
        var (competition, teamId) = await SeedAsync();
        var cut = Render<LeaderboardPanel>(p => p.Add(c => c.Context, new CompetitionContext(competition, new Viewer(null, IsHost: true), null)));
        cut.WaitForElement("[data-testid=leaderboard-empty]", Wait);
        _cache.Fail = true;

        // Act
        await ScoreAsync(competition.Id, teamId);
        Services.GetRequiredService<IPortalEvents>().Publish(new BoardChanged(competition.Id));

        // Assert
        var error = await Renderer.UnhandledException.WaitAsync(Wait, Ct);
        Assert.Equal(SwitchableCache.Failure, error.Message);
    }

    [Fact]
    public async Task LeaderboardPanel_PrivateBoardAfterClose_DrawsThePrivateTimeline()
    {
        // Arrange
        var (competition, teamId) = await SeedAsync(CompetitionState.Closed);
        await ScoreAsync(competition.Id, teamId);

        // Act
        var cut = Render<LeaderboardPanel>(p => p
            .Add(c => c.Context, new CompetitionContext(competition, Viewer.Anonymous, null))
            .Add(c => c.InitialBoard, BoardKind.Private));

        // Assert
        cut.WaitForElement("[data-testid=score-timeline][data-board=private]", Wait);
        Assert.Contains("private score", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CompetitionState.Open, "Revealed when the competition closes")]
    [InlineData(CompetitionState.Closed, null)]
    public async Task LeaderboardPanel_PrivateTab_ExplainsItselfOnlyWhileHidden(CompetitionState state, string? expected)
    {
        // Arrange
        var (competition, _) = await SeedAsync(state);

        // Act
        var cut = Render<LeaderboardPanel>(p => p.Add(c => c.Context, new CompetitionContext(competition, Viewer.Anonymous, null)));

        // Assert
        var tab = cut.FindComponents<MudBlazor.MudTabPanel>().Single(t => t.Instance.Text == "Private");
        Assert.Equal(expected, tab.Instance.ToolTip);
        Assert.Equal(state == CompetitionState.Open, tab.Instance.Disabled);
    }

    [Fact]
    public async Task TimelineAsync_PrivateBoardWhileOpen_GivesParticipantsNothing()
    {
        // Arrange
        var (competition, teamId) = await SeedAsync();
        await ScoreAsync(competition.Id, teamId);
        var boards = Services.GetRequiredService<LeaderboardService>();

        // Act
        var participant = await boards.TimelineAsync(competition, BoardKind.Private, Viewer.Anonymous, 10, Ct);
        var host = await boards.TimelineAsync(competition, BoardKind.Private, new Viewer(null, IsHost: true), 10, Ct);

        // Assert
        Assert.Empty(participant.Series);
        Assert.Equal(0.5, host.Series.Single().Points.Single().Score);
    }

    [Fact]
    public async Task TimelineAsync_OneEntry_SpansFromTheStartUntilNow()
    {
        // Arrange
        var (competition, teamId) = await SeedAsync();
        await ScoreAsync(competition.Id, teamId);
        var before = DateTime.UtcNow;

        // Act
        var timeline = await Services.GetRequiredService<LeaderboardService>().TimelineAsync(competition, BoardKind.Public, Viewer.Anonymous, 10, Ct);

        // Assert
        Assert.Equal(0.8125, timeline.Series.Single().Points.Single().Score);
        Assert.Equal(competition.StartsAtUtc, timeline.FromUtc);
        Assert.True(timeline.UntilUtc >= before, $"{timeline.UntilUtc:O} is before {before:O}");
    }

    private async Task<(Competition Competition, int TeamId)> SeedAsync(CompetitionState state = CompetitionState.Open)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var competition = new Competition
        {
            Slug = "board-" + Guid.NewGuid().ToString("N")[..8],
            Title = "Boards",
            ClassNames = ["a", "b"],
            State = state,
            ClosedAtUtc = state == CompetitionState.Closed ? DateTime.UtcNow : null,
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10),
        };
        var team = new Team { Competition = competition, Name = "Owls", InviteCode = Guid.NewGuid().ToString("N")[..10] };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        return (competition, team.Id);
    }

    private async Task ScoreAsync(int competitionId, int teamId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        db.Submissions.Add(new Submission
        {
            CompetitionId = competitionId,
            TeamId = teamId,
            Kind = SubmissionKind.LabelsCsv,
            Status = SubmissionStatus.Scored,
            FileName = "a.csv",
            QuotaDay = "2026-12-01",
            CreatedAtUtc = DateTime.UtcNow,
            PublicScore = 0.8125,
            PrivateScore = 0.5,
        });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The in-process cache, whose loads fail once <see cref="Fail"/> is set (the database gone mid-session, say).</summary>
    private sealed class SwitchableCache : ICompetitionCache<LeaderboardSnapshot>
    {
        public const string Failure = "The board could not be read.";
        private readonly InProcessCompetitionCache<LeaderboardSnapshot> _inner = new();

        public bool Fail { get; set; }

        public Task<LeaderboardSnapshot> GetAsync(int competitionId, long version, Func<Task<LeaderboardSnapshot>> load, CancellationToken cancellationToken = default) =>
            _inner.GetAsync(competitionId, version, () => Fail ? throw new InvalidOperationException(Failure) : load(), cancellationToken);
    }
}
