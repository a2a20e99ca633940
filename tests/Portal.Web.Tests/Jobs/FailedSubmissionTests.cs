using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>A submission whose scoring fails ends Failed with a reason a person can read, and gives its slot back.</summary>
public sealed class FailedSubmissionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = PortalFactory.NewDataDirectory();

    public void Dispose() => PortalFactory.DeleteDataDirectory(_folder);

    [Fact]
    public async Task Scoring_StoredFileGone_FailsReadablyAndGivesQuotaBack()
    {
        // Arrange: an app without a worker takes the upload, then its file disappears from storage.
        Scenario scenario;
        int id;
        await using (var stopped = PortalFactory.Over(_folder, runWorker: false))
        {
            scenario = await new ScenarioBuilder(stopped).WithDailyLimit(1).BuildAsync();
            using var client = stopped.WithToken(scenario.A.Token);
            id = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
            using var refused = await client.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

            await using var db = await stopped.DbAsync();
            var key = await db.Submissions.Where(s => s.Id == id).Select(s => s.FileKey).SingleAsync(Ct);
            await stopped.Services.GetRequiredService<IFileStorage>().DeleteAsync(key, Ct);
        }

        // Act: an app with a worker runs the job.
        await using var running = PortalFactory.Over(_folder, runWorker: true);
        using var team = running.WithToken(scenario.A.Token);
        var failed = await team.WaitUntilDoneAsync(id);

        // Assert
        Assert.Equal("Failed", failed.Status);
        Assert.NotNull(failed.Error);
        Assert.DoesNotContain(_folder, failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failed.Error, StringComparison.Ordinal);
        Assert.Contains("submit it again", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.PublicScore);

        var teamView = await running.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(0, teamView!.UsedToday);
        using var retry = await team.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
    }

    [Fact]
    public async Task RescoreAll_AfterAFailure_LeavesItFailedAndDoesNotGiveItsSlotBackTwice()
    {
        // Arrange: submission 1 fails (its file is gone), submission 2 is scored; the team has used 1 of 2 today.
        Scenario scenario;
        int failedId;
        await using (var stopped = PortalFactory.Over(_folder, runWorker: false))
        {
            scenario = await new ScenarioBuilder(stopped).WithDailyLimit(2).BuildAsync();
            using var client = stopped.WithToken(scenario.A.Token);
            failedId = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
            await using var db = await stopped.DbAsync();
            var key = await db.Submissions.Where(s => s.Id == failedId).Select(s => s.FileKey).SingleAsync(Ct);
            await stopped.Services.GetRequiredService<IFileStorage>().DeleteAsync(key, Ct);
        }

        await using var running = PortalFactory.Over(_folder, runWorker: true);
        using var team = running.WithToken(scenario.A.Token);
        var failed = await team.WaitUntilDoneAsync(failedId);
        var scoredId = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.8, 0.8)));
        Assert.Equal("Scored", (await team.WaitUntilDoneAsync(scoredId)).Status);

        // Act
        var queued = await running.Services.GetRequiredService<CompetitionService>().RescoreAllAsync(scenario.CompetitionId, Ct);
        var rescored = await team.WaitUntilDoneAsync(scoredId);

        // Assert
        Assert.Equal(1, queued);
        Assert.Equal("Scored", rescored.Status);
        var after = await team.WaitUntilDoneAsync(failedId);
        Assert.Equal("Failed", after.Status);
        Assert.Equal(failed.Error, after.Error);
        var teamView = await running.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(1, teamView!.UsedToday);
    }
}
