using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.ClusterTests.Support;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Web.Api;

namespace Portal.ClusterTests;

/// <summary>
/// <c>kill -9</c> of a worker during a model run and of a web instance under load. Each test starts the killed process
/// again before it ends (<see cref="PortalCluster.StartMissingAsync"/>), so the next test has the whole cluster.
/// </summary>
[Collection(nameof(ClusterSuite))]
public sealed class FailoverTests(PortalCluster cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Worker_KilledDuringAModelRun_TheOtherWorkerFinishesIt()
    {
        // Arrange
        cluster.SkipWhenUnavailable();
        var scenario = await cluster.ScenarioAsync();
        var team = scenario.Teams[2];
        using var client = PortalCluster.Client(cluster.Balancer, team.Token);
        var workers = new[] { cluster.Pid("worker1"), cluster.Pid("worker2") };
        var id = await client.SubmitSampleModelAsync(scenario.Slug, tta: "d4");
        var running = await WaitForRunningJobAsync(id);
        var owner = int.Parse(running.LeaseOwner!.Split(':')[1], CultureInfo.InvariantCulture);
        Assert.Contains(owner, workers);

        try
        {
            // Act
            PortalCluster.Kill(owner);
            var done = await client.WaitUntilDoneAsync(id, PortalCluster.Lease + TimeSpan.FromMinutes(3));

            // Assert: scored on the second attempt, by the worker left (the killed one is gone).
            Assert.Equal("scored", done.Status, ignoreCase: true);
            Assert.NotNull(done.PublicScore);
            // The submission's score is written first, the job's end a moment later: wait for the job (seconds at most).
            var job = await JobSettledAsync(id);
            Assert.Equal(JobState.Succeeded, job.State);
            Assert.Equal(2, job.Attempts);
        }
        finally
        {
            await cluster.StartMissingAsync();
        }
    }

    [Fact]
    public async Task WebInstance_KilledUnderLoad_BalancerKeepsServingAndLosesNoAcceptedSubmission()
    {
        // Arrange: 4 teams sending 80 different CSVs through the balancer, 4 at a time; web1 killed after the 16th answer.
        cluster.SkipWhenUnavailable();
        var scenario = await cluster.ScenarioAsync();
        var teams = scenario.Teams.Skip(3).Take(4).ToArray();
        const int count = 80;
        const int killAfter = 16;
        var files = Enumerable.Range(0, count).Select(i => scenario.Csv(0.1 + (0.01 * (i % 20)), seed: 1000 + i)).ToArray();
        var clients = teams.Select(t => PortalCluster.Client(cluster.Balancer, t.Token)).ToArray();
        var outcomes = new List<Outcome>();
        var next = -1;

        try
        {
            // Act
            await Task.WhenAll(clients.Select(async client =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var outcome = await SendAsync(client, scenario.Slug, files[i], i);
                    lock (outcomes)
                    {
                        outcomes.Add(outcome);
                        if (outcomes.Count == killAfter)
                        {
                            // Under the lock until web1 is gone: no upload starts meanwhile, so the ones numbered from
                            // killAfter + the clients on were all sent after its death.
                            PortalCluster.Kill(cluster.Pid("web1"));
                        }
                    }
                }
            }));
            using var anonymous = PortalCluster.Client(cluster.Balancer);
            var board = await anonymous.LeaderboardAsync(scenario.Slug);

            // Assert: every upload sent after web1's death was accepted, and the board is still served; every accepted id
            // is a scored row, once; the only rows not answered 201 are of uploads cut by the kill.
            var accepted = outcomes.Where(o => o.Id is not null).Select(o => o.Id!.Value).ToList();
            var failed = outcomes.Where(o => o.Id is null).ToList();
            Assert.All(outcomes.Where(o => o.Index >= killAfter + clients.Length), o => Assert.True(o.Id is not null, $"Upload {o.Index}, after the kill: {o.Answer}"));
            Assert.Equal(accepted.Count, accepted.Distinct().Count());
            Assert.Equal(teams.Length, board.Rows.Count(r => teams.Any(t => t.Name == r.Team)));

            var teamIds = teams.Select(t => t.Id).ToList();
            await using var db = await cluster.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
            var rows = await db.Submissions.Where(s => teamIds.Contains(s.TeamId)).Select(s => new { s.Id, s.Status }).ToListAsync(Ct);
            var quota = await db.DailyQuotas.Where(q => teamIds.Contains(q.TeamId)).SumAsync(q => q.Used, Ct);
            Assert.Empty(accepted.Except(rows.Select(r => r.Id)));
            Assert.All(rows, r => Assert.Equal(SubmissionStatus.Scored, r.Status));
            Assert.InRange(rows.Count, accepted.Count, accepted.Count + failed.Count);
            Assert.Equal(rows.Count, quota);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            await cluster.StartMissingAsync();
        }
    }

    private static async Task<Outcome> SendAsync(HttpClient client, string slug, byte[] csv, int index)
    {
        try
        {
            using var response = await client.SubmitCsvAsync(slug, csv, Ct);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return new Outcome(index, null, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }

            var body = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(Ct);
            return new Outcome(index, body!.Id, "201");
        }
        catch (HttpRequestException e)
        {
            return new Outcome(index, null, e.Message);
        }
    }

    private async Task<Job> WaitForRunningJobAsync(int submissionId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var job = await JobOfAsync(submissionId);
            if (job.State == JobState.Running && job.LeaseOwner is not null)
            {
                return job;
            }

            Assert.True(job.State == JobState.Queued && DateTime.UtcNow < deadline, $"The model's job is {job.State}, not running.");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The submission's job once it is no longer running (after 10 s, whatever it is).</summary>
    private async Task<Job> JobSettledAsync(int submissionId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var job = await JobOfAsync(submissionId);
            if (job.State != JobState.Running || attempt == 100)
            {
                return job;
            }

            await Task.Delay(100, Ct);
        }
    }

    private async Task<Job> JobOfAsync(int submissionId)
    {
        await using var db = await cluster.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.SubmissionId == submissionId, Ct);
    }

    /// <summary>One upload: its number (in the order they were sent), the accepted id or none, and the answer in words.</summary>
    private sealed record Outcome(int Index, int? Id, string Answer);
}
