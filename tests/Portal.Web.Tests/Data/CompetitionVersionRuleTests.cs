using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Application.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Tests.Components;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Data;

/// <summary>
/// Which writes raise which version of their competition (the rule in <see cref="PortalDbContext"/>), that a raise is
/// an increment in SQL in the writer's transaction, and that the writes bypassing SaveChanges raise theirs.
/// </summary>
[AlsoOnPostgres]
public sealed class CompetitionVersionRuleTests(TeamDatabaseFixture database) : IClassFixture<TeamDatabaseFixture>, IDisposable
{
    private readonly SecondProcess _process = SecondProcess.Over(database.Store);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDbContextFactory<PortalDbContext> Factory => _process.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public void Dispose() => _process.Dispose();

    public static TheoryData<string, long, long> Writes => new()
    {
        { "score stored", 1, 0 },
        { "two scores stored in one save", 1, 0 },
        { "final picked", 1, 0 },
        { "scored submission deleted", 1, 0 },
        { "queued submission added", 0, 0 },
        { "queued submission starts running", 0, 0 },
        { "team renamed", 1, 0 },
        { "team made baseline", 1, 0 },
        { "team deleted", 1, 0 },
        { "team token rotated", 0, 0 },
        { "competition closed", 1, 0 },
        { "finals limit changed", 1, 0 },
        { "classes changed", 1, 1 },
        { "hidden set replaced", 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task SaveChanges_Write_RaisesTheVersionsItCanChange(string write, long board, long hiddenSet)
    {
        // Arrange
        var seeded = await SeedAsync();
        var before = await VersionsAsync(seeded.CompetitionId);

        // Act
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            var queued = await db.Submissions.SingleAsync(s => s.Id == seeded.QueuedId, Ct);
            var scored = await db.Submissions.SingleAsync(s => s.Id == seeded.ScoredId, Ct);
            var team = await db.Teams.SingleAsync(t => t.Id == seeded.TeamId, Ct);
            var competition = await db.Competitions.Include(c => c.HiddenSet).SingleAsync(c => c.Id == seeded.CompetitionId, Ct);
            switch (write)
            {
                case "score stored": Score(queued); break;
                case "two scores stored in one save": Score(queued); scored.PublicScore = 0.9; break;
                case "final picked": scored.IsFinal = true; break;
                case "scored submission deleted": db.Submissions.Remove(scored); break;
                case "queued submission added": db.Submissions.Add(NewSubmission(seeded.CompetitionId, seeded.TeamId, SubmissionStatus.Queued)); break;
                case "queued submission starts running": queued.Status = SubmissionStatus.Running; break;
                case "team renamed": team.Name = "Renamed"; break;
                case "team made baseline": team.IsBaseline = true; break;
                case "team deleted": db.Teams.Remove(team); break;
                case "team token rotated": team.ApiTokenHash = Guid.NewGuid().ToString("N"); break;
                case "competition closed": competition.State = CompetitionState.Closed; break;
                case "finals limit changed": competition.FinalSelectionLimit = 3; break;
                case "classes changed": competition.ClassNames = ["cat", "dog", "bird"]; break;
                case "hidden set replaced": competition.HiddenSet!.Labels = [2, 1, 0]; break;
                default: throw new ArgumentOutOfRangeException(nameof(write), write, null);
            }

            await db.SaveChangesAsync(Ct);
        }

        // Assert
        Assert.Equal((before.Board + board, before.HiddenSet + hiddenSet), await VersionsAsync(seeded.CompetitionId));
    }

    [Fact]
    public async Task SaveChanges_TwoWritersFromTheSameLoadedVersion_RaiseItTwice()
    {
        // Arrange: both contexts hold the competition at the same version.
        var seeded = await SeedAsync();
        var before = await VersionsAsync(seeded.CompetitionId);
        await using var first = await Factory.CreateDbContextAsync(Ct);
        await using var second = await Factory.CreateDbContextAsync(Ct);
        var one = await first.Competitions.SingleAsync(c => c.Id == seeded.CompetitionId, Ct);
        var other = await second.Competitions.SingleAsync(c => c.Id == seeded.CompetitionId, Ct);

        // Act: the second even writes its stale version number back.
        one.FinalSelectionLimit = 4;
        await first.SaveChangesAsync(Ct);
        other.State = CompetitionState.Closed;
        other.BoardVersion = before.Board;
        await second.SaveChangesAsync(Ct);

        // Assert
        Assert.Equal(before.Board + 2, (await VersionsAsync(seeded.CompetitionId)).Board);
    }

    [Fact]
    public async Task SaveChanges_InTheCallersTransactionRolledBack_RaisesNothing()
    {
        // Arrange
        var seeded = await SeedAsync();
        var before = await VersionsAsync(seeded.CompetitionId);

        // Act
        await using (var db = await Factory.CreateDbContextAsync(Ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            Score(await db.Submissions.SingleAsync(s => s.Id == seeded.QueuedId, Ct));
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }

        // Assert
        Assert.Equal(before, await VersionsAsync(seeded.CompetitionId));
    }

    [Fact]
    public async Task MarkFailed_ScoredSubmission_RaisesTheBoardVersion()
    {
        // Arrange
        var seeded = await SeedAsync();
        var before = await VersionsAsync(seeded.CompetitionId);

        // Act: a rescore that failed for good, through ExecuteUpdate.
        await _process.Services.GetRequiredService<SubmissionScorer>().MarkFailedAsync(seeded.ScoredId, "The hidden set changed.", causedBySubmission: false, Ct);

        // Assert
        Assert.Equal((before.Board + 1, before.HiddenSet), await VersionsAsync(seeded.CompetitionId));
    }

    [Fact]
    public async Task RescoreAll_RaisesBothVersions()
    {
        // Arrange
        var seeded = await SeedAsync();
        var before = await VersionsAsync(seeded.CompetitionId);

        // Act: the scored submission goes back to the queue through ExecuteUpdate.
        var queued = await _process.Services.GetRequiredService<CompetitionService>().RescoreAllAsync(seeded.CompetitionId, Ct);

        // Assert
        Assert.Equal(1, queued);
        Assert.Equal((before.Board + 1, before.HiddenSet + 1), await VersionsAsync(seeded.CompetitionId));
    }

    private static void Score(Submission submission)
    {
        submission.Status = SubmissionStatus.Scored;
        submission.PublicScore = 0.7;
        submission.PrivateScore = 0.6;
    }

    private static Submission NewSubmission(int competitionId, int teamId, SubmissionStatus status) => new()
    {
        CompetitionId = competitionId,
        TeamId = teamId,
        Kind = SubmissionKind.LabelsCsv,
        Status = status,
        FileName = "seeded.csv",
        QuotaDay = "2026-12-01",
        CreatedAtUtc = DateTime.UtcNow,
        PublicScore = status == SubmissionStatus.Scored ? 0.5 : null,
        PrivateScore = status == SubmissionStatus.Scored ? 0.4 : null,
    };

    /// <summary>A competition with a 3-image hidden set and a team with one scored and one queued submission.</summary>
    private async Task<Seeded> SeedAsync()
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var competition = new Competition
        {
            Slug = $"v-{Guid.NewGuid():N}",
            Title = "Versions",
            ClassNames = ["a", "b", "c"],
            State = CompetitionState.Open,
            HiddenSet = new HiddenSet { ImageCount = 3, ImageIds = "x.png\ny.png\nz.png"u8.ToArray(), Labels = [0, 1, 2], PublicMask = [1, 0, 1], ImagesKey = "hidden/none" },
        };
        var team = new Team { Competition = competition, Name = "Team", InviteCode = Guid.NewGuid().ToString("N")[..10] };
        db.Teams.Add(team);
        await db.SaveChangesAsync(Ct);
        var scored = NewSubmission(competition.Id, team.Id, SubmissionStatus.Scored);
        var queued = NewSubmission(competition.Id, team.Id, SubmissionStatus.Queued);
        db.Submissions.AddRange(scored, queued);
        await db.SaveChangesAsync(Ct);
        return new Seeded(competition.Id, team.Id, scored.Id, queued.Id);
    }

    private async Task<(long Board, long HiddenSet)> VersionsAsync(int competitionId)
    {
        await using var db = await Factory.CreateDbContextAsync(Ct);
        var versions = await db.Competitions.AsNoTracking().Where(c => c.Id == competitionId)
            .Select(c => new { c.BoardVersion, c.HiddenSetVersion }).SingleAsync(Ct);
        return (versions.BoardVersion, versions.HiddenSetVersion);
    }

    private sealed record Seeded(int CompetitionId, int TeamId, int ScoredId, int QueuedId);
}
