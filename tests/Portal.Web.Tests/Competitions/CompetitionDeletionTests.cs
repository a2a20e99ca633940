using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Data.Entities;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Competitions;

/// <summary>Deleting a competition deletes its rows and its stored files, and nothing of any other competition.</summary>
[AlsoOnPostgres]
public sealed class CompetitionDeletionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CompetitionDeletion Deletion => factory.Services.GetRequiredService<CompetitionDeletion>();

    [Fact]
    public async Task Delete_CompetitionWithScoredSubmissions_RemovesItsRowsAndFilesAndKeepsTheOther()
    {
        // Arrange: two competitions, each with a hidden set, teams and a scored submission.
        var doomed = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        var kept = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        foreach (var scenario in new[] { doomed, kept })
        {
            using var client = factory.WithToken(scenario.A.Token);
            await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.7)));
        }

        await using (var db = await factory.DbAsync())
        {
            db.Jobs.Add(new Job { Kind = JobKind.ScoreSubmission, State = JobState.Failed, CompetitionId = doomed.CompetitionId, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        // Act
        var error = await Deletion.DeleteAsync(doomed.CompetitionId, Ct);

        // Assert
        Assert.Null(error);
        await using (var db = await factory.DbAsync())
        {
            Assert.False(await db.Competitions.AnyAsync(c => c.Id == doomed.CompetitionId, Ct));
            Assert.False(await db.Teams.AnyAsync(t => t.CompetitionId == doomed.CompetitionId, Ct));
            Assert.False(await db.TeamMembers.AnyAsync(m => m.CompetitionId == doomed.CompetitionId, Ct));
            Assert.False(await db.HiddenSets.AnyAsync(h => h.CompetitionId == doomed.CompetitionId, Ct));
            Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == doomed.CompetitionId, Ct));
            Assert.False(await db.Jobs.AnyAsync(j => j.CompetitionId == doomed.CompetitionId, Ct));
            Assert.True(await db.Submissions.AnyAsync(s => s.CompetitionId == kept.CompetitionId, Ct));
            Assert.True(await db.HiddenSets.AnyAsync(h => h.CompetitionId == kept.CompetitionId, Ct));
        }

        foreach (var root in CompetitionDeletion.StorageRoots)
        {
            Assert.Empty(factory.StoredFiles(CompetitionDeletion.Prefix(root, doomed.CompetitionId)));
        }

        Assert.NotEmpty(factory.StoredFiles(CompetitionDeletion.Prefix("hidden", kept.CompetitionId)));
        Assert.NotEmpty(factory.StoredFiles(CompetitionDeletion.Prefix("submissions", kept.CompetitionId)));
    }

    [Fact]
    public async Task Delete_WhileAJobOfItRuns_IsRefusedAndNothingIsDeleted()
    {
        // Arrange: a model run in progress (its process holds the competition's files).
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        await using (var db = await factory.DbAsync())
        {
            db.Jobs.Add(new Job { Kind = JobKind.RunModel, State = JobState.Running, CompetitionId = scenario.CompetitionId, LeaseOwner = "another worker", LeaseExpiresAtUtc = DateTime.UtcNow.AddHours(1), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        // Act
        var error = await Deletion.DeleteAsync(scenario.CompetitionId, Ct);

        // Assert
        Assert.Equal("1 job(s) of this competition are running (see Background jobs); delete it once they have finished.", error);
        await using (var db = await factory.DbAsync())
        {
            Assert.True(await db.Competitions.AnyAsync(c => c.Id == scenario.CompetitionId, Ct));
            Assert.True(await db.Jobs.AnyAsync(j => j.CompetitionId == scenario.CompetitionId, Ct));
        }

        Assert.NotEmpty(factory.StoredFiles(CompetitionDeletion.Prefix("hidden", scenario.CompetitionId)));
    }

    [Fact]
    public async Task Delete_NoSuchCompetition_SaysSo() =>
        Assert.Equal("There is no such competition; it may have been deleted already.", await Deletion.DeleteAsync(int.MaxValue, Ct));
}
