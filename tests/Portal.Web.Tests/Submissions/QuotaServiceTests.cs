using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Components;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Submissions;

/// <summary>
/// The daily slot as one upsert (<see cref="QuotaService.TryTakeAsync"/>): the day's first slot creates its row, the
/// limit stops it, a limit of 0 takes nothing and writes nothing, and days and teams are counted apart, in SQLite and
/// PostgreSQL alike (the same SQL runs on both).
/// </summary>
[AlsoOnPostgres]
public sealed class QuotaServiceTests(TeamDatabaseFixture database) : IClassFixture<TeamDatabaseFixture>, IDisposable
{
    private readonly SecondProcess _process = SecondProcess.Over(database.Store);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<PortalDbContext> Factory => _process.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public void Dispose() => _process.Dispose();

    [Fact]
    public async Task TryTake_LimitTwo_FirstCreatesTheDayThenSecondThenRefused()
    {
        // Arrange
        var teamId = await NewTeamAsync();

        // Act
        var taken = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            taken.Add(await TakeAsync(teamId, "2026-12-02", limit: 2));
        }

        // Assert
        Assert.Equal([true, true, false], taken);
        Assert.Equal(2, await UsedAsync(teamId, "2026-12-02"));
    }

    [Fact]
    public async Task TryTake_LimitZero_TakesNothingAndWritesNoRow()
    {
        // Arrange
        var teamId = await NewTeamAsync();

        // Act
        var taken = await TakeAsync(teamId, "2026-12-02", limit: 0);

        // Assert
        Assert.False(taken);
        Assert.Null(await UsedAsync(teamId, "2026-12-02"));
    }

    [Fact]
    public async Task TryTake_LimitLoweredBelowUsed_Refused()
    {
        // Arrange
        var teamId = await NewTeamAsync();
        Assert.True(await TakeAsync(teamId, "2026-12-02", limit: 5));
        Assert.True(await TakeAsync(teamId, "2026-12-02", limit: 5));

        // Act
        var taken = await TakeAsync(teamId, "2026-12-02", limit: 1);

        // Assert
        Assert.False(taken);
        Assert.Equal(2, await UsedAsync(teamId, "2026-12-02"));
    }

    [Fact]
    public async Task TryTake_OtherDayAndOtherTeam_CountedApart()
    {
        // Arrange
        var teamId = await NewTeamAsync();
        var otherTeamId = await NewTeamAsync();
        Assert.True(await TakeAsync(teamId, "2026-12-02", limit: 1));

        // Act
        var nextDay = await TakeAsync(teamId, "2026-12-03", limit: 1);
        var otherTeam = await TakeAsync(otherTeamId, "2026-12-02", limit: 1);

        // Assert
        Assert.True(nextDay);
        Assert.True(otherTeam);
        Assert.Equal(1, await UsedAsync(teamId, "2026-12-02"));
        Assert.Equal(1, await UsedAsync(teamId, "2026-12-03"));
        Assert.Equal(1, await UsedAsync(otherTeamId, "2026-12-02"));
    }

    [Fact]
    public async Task TryTake_RolledBackTransaction_LeavesTheSlotFree()
    {
        // Arrange
        var teamId = await NewTeamAsync();

        // Act: taken inside a transaction that is rolled back (the intake's refusal of a duplicate).
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            Assert.True(await QuotaService.TryTakeAsync(db, teamId, "2026-12-02", 1, Ct));
            await transaction.RollbackAsync(Ct);
        }

        // Assert
        Assert.Null(await UsedAsync(teamId, "2026-12-02"));
        Assert.True(await TakeAsync(teamId, "2026-12-02", limit: 1));
    }

    private async Task<bool> TakeAsync(int teamId, string day, int limit)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        return await QuotaService.TryTakeAsync(db, teamId, day, limit, Ct);
    }

    private async Task<int?> UsedAsync(int teamId, string day)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        return await db.DailyQuotas.Where(q => q.TeamId == teamId && q.Day == day).Select(q => (int?)q.Used).SingleOrDefaultAsync(Ct);
    }

    private async Task<int> NewTeamAsync()
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var competition = new Competition { Slug = $"q-{Guid.NewGuid():N}", Title = "Quota", ClassNames = ["a", "b"], State = CompetitionState.Open };
        var team = new Team { Competition = competition, Name = "Team", InviteCode = Guid.NewGuid().ToString("N")[..10] };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        return team.Id;
    }
}
