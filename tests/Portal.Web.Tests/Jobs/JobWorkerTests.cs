using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Application.Jobs;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>The worker retries a crashing job a bounded number of times, then fails it for good.</summary>
[AlsoOnPostgres]
public sealed class JobWorkerTests(CrashingJobFactory factory) : IClassFixture<CrashingJobFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_JobThatAlwaysCrashes_FailsAfterMaxAttempts()
    {
        // Arrange: a scored submission is queued again under a job whose every attempt crashes.
        var scenario = await new ScenarioBuilder(factory).WithDailyLimit(1).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        var submissionId = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)));
        var store = factory.Services.GetRequiredService<JobStore>();
        long jobId;
        await using (var db = await factory.DbAsync())
        {
            await db.Submissions.Where(s => s.Id == submissionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Queued), Ct);
            var job = store.Add(db, JobKind.RescoreCompetition, scenario.CompetitionId, submissionId);
            await db.SaveChangesAsync(Ct);
            jobId = job.Id;
        }

        // Act
        store.Wake();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Job finished;
        while (true)
        {
            await using var db = await factory.DbAsync();
            finished = await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId, Ct);
            if (finished.State is JobState.Failed or JobState.Succeeded || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(100, Ct);
        }

        // Assert
        Assert.Equal(JobState.Failed, finished.State);
        Assert.Equal(3, finished.Attempts);
        Assert.Equal(3, factory.Handler.Runs);
        Assert.Contains("after 3 attempt(s)", finished.Error, StringComparison.Ordinal);
        Assert.Contains("The disk said no.", finished.Error, StringComparison.Ordinal);
        Assert.Null(finished.LeaseOwner);

        // The submission failed once, and the team is told in plain words, without the server's exception text; the
        // server's fault gives the day's slot back.
        var failed = await team.WaitUntilDoneAsync(submissionId);
        Assert.Equal("failed", failed.Status);
        Assert.NotNull(failed.Error);
        Assert.DoesNotContain("The disk said no.", failed.Error, StringComparison.Ordinal);
        Assert.Contains("error on the server", failed.Error, StringComparison.Ordinal);
        var teamView = await factory.Services.GetRequiredService<Portal.Application.Teams.TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(0, teamView!.UsedToday);
    }
}
