using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Application.Jobs;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>The worker retries a crashing job a bounded number of times, then fails it for good.</summary>
public sealed class JobWorkerTests(CrashingJobFactory factory) : IClassFixture<CrashingJobFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_JobThatAlwaysCrashes_FailsAfterMaxAttempts()
    {
        // Arrange
        var store = factory.Services.GetRequiredService<JobStore>();
        long jobId;
        await using (var db = await factory.DbAsync())
        {
            var job = store.Add(db, JobKind.RescoreCompetition, competitionId: null, submissionId: null);
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
        Assert.Equal(1, factory.Handler.Failures);
        Assert.Contains("after 3 attempt(s)", finished.Error, StringComparison.Ordinal);
        Assert.Contains("The disk said no.", finished.Error, StringComparison.Ordinal);
        Assert.Null(finished.LeaseOwner);

        // The team is told in plain words, without the server's exception text.
        Assert.NotNull(factory.Handler.LastReason);
        Assert.DoesNotContain("The disk said no.", factory.Handler.LastReason, StringComparison.Ordinal);
        Assert.Contains("error on the server", factory.Handler.LastReason, StringComparison.Ordinal);
    }
}
