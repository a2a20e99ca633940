using Microsoft.EntityFrameworkCore;
using Portal.Core.Ensembles;
using Portal.Core.Submissions;
using Portal.Data.Entities;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>Work left by a stopped app is finished by the next start on the same data, and nothing is lost or doubled.</summary>
[AlsoOnPostgres]
public sealed class RestartTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalStore _store = PortalStore.Create();

    public void Dispose() => _store.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submission_LeftByStoppedApp_IsScoredAfterRestart(bool leftRunningByDeadWorker)
    {
        // Arrange: the first app takes an ensemble but never builds it (its worker is off); optionally
        // the job looks claimed by a worker that died, its lease run out.
        Scenario scenario;
        int id;
        byte[] predicted;
        await using (var stopped = PortalFactory.Over(_store, runWorker: false))
        {
            scenario = await new ScenarioBuilder(stopped).BuildAsync();
            using var client = stopped.WithToken(scenario.A.Token);
            byte[][] members = [scenario.Predict(0.65, 0.45), scenario.Predict(0.3, 0.2)];
            var memberIds = new List<int>();
            foreach (var member in members)
            {
                memberIds.Add(await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(member)));
            }

            // Hard voting, the first member weighted more: the ensemble is the first member's labels.
            predicted = EnsembleBuilder.Combine([new EnsembleMember(new Predictions(members[0], 18), 2), new EnsembleMember(new Predictions(members[1], 18), 1)],
                EnsembleMethod.Hard).Labels.ToArray();
            id = await client.PostEnsembleAcceptedAsync(scenario.Slug, "hard", (memberIds[0], 2), (memberIds[1], 1));
            if (leftRunningByDeadWorker)
            {
                await using var db = await stopped.DbAsync();
                var now = DateTime.UtcNow;
                await db.Jobs.Where(j => j.SubmissionId == id).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.State, JobState.Running)
                    .SetProperty(j => j.LeaseOwner, "dead-machine:4242:0123456789abcdef")
                    .SetProperty(j => j.LeaseExpiresAtUtc, now.AddMinutes(-1))
                    .SetProperty(j => j.StartedAtUtc, now.AddMinutes(-2))
                    .SetProperty(j => j.Attempts, 1), Ct);
                await db.Submissions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Running), Ct);
            }
        }

        // Act
        await using var restarted = PortalFactory.Over(_store, runWorker: true);
        using var team = restarted.WithToken(scenario.A.Token);
        var scored = await team.WaitUntilDoneAsync(id);

        // Assert
        Assert.Equal("scored", scored.Status);
        Assert.Equal(scenario.PublicScore(predicted), scored.PublicScore!.Value, 12);
        await using var check = await restarted.DbAsync();
        var submission = await check.Submissions.SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(3, await check.Submissions.CountAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Equal(scenario.PrivateScore(predicted), submission.PrivateScore!.Value, 12);
        var job = await restarted.SettledJobAsync(id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Null(job.LeaseOwner);
        Assert.Equal(leftRunningByDeadWorker ? 2 : 1, job.Attempts);
        Assert.Equal(3, (await check.DailyQuotas.SingleAsync(q => q.TeamId == scenario.A.Id, Ct)).Used);
    }
}
