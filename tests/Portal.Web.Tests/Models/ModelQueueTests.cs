using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Models;
using Portal.Application.Models.Queue;
using Portal.Data.Entities;
using Portal.Inference.Preprocessing;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Models;

/// <summary>
/// Participants see their model run's place in the queue and when it should start and finish, from the measured speed
/// of recent runs; hosts move a waiting run to the front, and the workers then claim it first.
/// </summary>
[AlsoOnPostgres]
public sealed class ModelQueueTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalStore _store = PortalStore.Create();

    public void Dispose() => _store.Dispose();

    private static ModelRunSettings Settings(int width, int height, string tta) =>
        new(width, height, ResizeMode.Stretch, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f], ChannelOrder.Rgb, tta, "mean", [1]);

    private static string Payload(ModelRunSettings settings) =>
        JsonSerializer.Serialize(new RunModelPayload(settings, [new ModelMember("m.onnx", "submissions/x/m.onnx", null, 1)]), JsonSerializerOptions.Web);

    [Fact]
    public async Task Read_OneFinishedRunAndThreeWaiting_ForecastsEachFromTheMeasuredSpeed()
    {
        // Arrange: no worker (the jobs stay where they are put); one run finished: 6 images x 2 views x 100x100 in 12 s
        // (10,000 pixels a second); one running, half done; three waiting, the last moved to the front.
        await using var factory = PortalFactory.Over(_store, runWorker: false);
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        var small = Settings(100, 100, "hflip");
        long[] waiting;
        await using (var db = await factory.DbAsync())
        {
            var submissions = Enumerable.Range(0, 5).Select(i => new Submission
            {
                CompetitionId = scenario.CompetitionId, TeamId = scenario.A.Id, Kind = SubmissionKind.Model,
                Status = i == 0 ? SubmissionStatus.Scored : SubmissionStatus.Queued, FileName = $"m{i}.onnx", QuotaDay = "2026-12-01",
                CreatedAtUtc = DateTime.UtcNow,
            }).ToList();
            db.Submissions.AddRange(submissions);
            await db.SaveChangesAsync(Ct);
            db.ModelRuns.Add(new ModelRun { SubmissionId = submissions[0].Id, Provider = "CPU", Images = 6, Seconds = 12, FinishedAtUtc = DateTime.UtcNow, DetailsJson = "{}" });
            db.Jobs.Add(new Job { Kind = JobKind.RunModel, State = JobState.Succeeded, CompetitionId = scenario.CompetitionId, SubmissionId = submissions[0].Id, Payload = Payload(small), CreatedAtUtc = DateTime.UtcNow });
            db.Jobs.Add(new Job
            {
                Kind = JobKind.RunModel, State = JobState.Running, CompetitionId = scenario.CompetitionId, SubmissionId = submissions[1].Id, Payload = Payload(small),
                Progress = 0.5, LeaseOwner = "worker-1", LeaseExpiresAtUtc = DateTime.UtcNow.AddMinutes(5), StartedAtUtc = DateTime.UtcNow, CreatedAtUtc = DateTime.UtcNow,
            });
            var queued = submissions.Skip(2).Select((s, i) => new Job
            {
                Kind = JobKind.RunModel, State = JobState.Queued, CompetitionId = scenario.CompetitionId, SubmissionId = s.Id,
                // The second waiting run has four views (flip): twice the work.
                Payload = Payload(i == 1 ? Settings(100, 100, "flip") : small), CreatedAtUtc = DateTime.UtcNow,
            }).ToList();
            db.Jobs.AddRange(queued);
            await db.SaveChangesAsync(Ct);
            waiting = queued.Select(j => j.Id).ToArray();
        }

        var queue = factory.Services.GetRequiredService<ModelQueueService>();
        Assert.Null(await queue.MoveToFrontAsync(waiting[2], Ct));

        // Act
        var snapshot = await queue.ReadAsync(Ct);

        // Assert: one slot; the running run has 6 s left; then the moved run (12 s), the first (12 s), the flip one (24 s).
        Assert.Equal(1, snapshot.Slots);
        Assert.Equal(10_000, snapshot.Throughput!.PixelsPerSecond, 6);
        Assert.Equal([null, 1, 2, 3], snapshot.Entries.Select(e => e.Position));
        Assert.Equal(waiting[2], snapshot.Entries[1].JobId);
        Assert.Equal(waiting[0], snapshot.Entries[2].JobId);
        Assert.Equal(waiting[1], snapshot.Entries[3].JobId);
        var now = DateTime.UtcNow;
        double[] starts = [6, 18, 30];
        double[] finishes = [18, 30, 54];
        for (var i = 0; i < 3; i++)
        {
            var entry = snapshot.Entries[i + 1];
            Assert.InRange((entry.StartUtc!.Value - now).TotalSeconds, starts[i] - 3, starts[i] + 1);
            Assert.InRange((entry.FinishUtc!.Value - now).TotalSeconds, finishes[i] - 3, finishes[i] + 1);
        }

        Assert.Equal(24, snapshot.Entries[3].RunSeconds!.Value, 6);
        var estimator = await queue.EstimatorAsync(scenario.CompetitionId, Ct);
        Assert.Equal(TimeSpan.FromSeconds(48), estimator!.Estimate(Settings(200, 100, "flip"), members: 1));
        Assert.Equal("Next in the model queue; should start in under a minute and finish in under a minute",
            ModelQueueText.Describe(snapshot.Entries[1], now).Split(" (")[0]);
    }

    [Fact]
    public async Task Claim_AfterAHostMovedARunToTheFront_TakesThatRunFirst()
    {
        // Arrange
        await using var factory = PortalFactory.Over(_store, runWorker: false);
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        long first, second;
        await using (var db = await factory.DbAsync())
        {
            var a = new Job { Kind = JobKind.RunModel, State = JobState.Queued, CompetitionId = scenario.CompetitionId, CreatedAtUtc = DateTime.UtcNow };
            var b = new Job { Kind = JobKind.RunModel, State = JobState.Queued, CompetitionId = scenario.CompetitionId, CreatedAtUtc = DateTime.UtcNow };
            db.Jobs.AddRange(a, b);
            await db.SaveChangesAsync(Ct);
            (first, second) = (a.Id, b.Id);
        }

        // Act
        Assert.Null(await factory.Services.GetRequiredService<ModelQueueService>().MoveToFrontAsync(second, Ct));
        var claimed = await factory.Services.GetRequiredService<Portal.Application.Jobs.JobStore>().ClaimAsync("test-worker", Ct);

        // Assert
        Assert.Equal(second, claimed!.Id);
        Assert.NotEqual(first, claimed.Id);
        Assert.Equal("That run is no longer waiting: it has started, finished or been cancelled.",
            await factory.Services.GetRequiredService<ModelQueueService>().MoveToFrontAsync(second, Ct));
    }

    [Fact]
    public async Task Cancel_ByAHostFromTheQueue_StopsTheRunAndSaysTheHostDidIt()
    {
        // Arrange
        await using var factory = PortalFactory.Over(_store, runWorker: false);
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        int submissionId;
        await using (var db = await factory.DbAsync())
        {
            var submission = new Submission
            {
                CompetitionId = scenario.CompetitionId, TeamId = scenario.A.Id, Kind = SubmissionKind.Model, Status = SubmissionStatus.Queued,
                FileName = "m.onnx", QuotaDay = "2026-12-01", CreatedAtUtc = DateTime.UtcNow,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(Ct);
            db.Jobs.Add(new Job { Kind = JobKind.RunModel, State = JobState.Queued, CompetitionId = scenario.CompetitionId, SubmissionId = submission.Id, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
            submissionId = submission.Id;
        }

        // Act
        var error = await factory.Services.GetRequiredService<ModelSubmissionService>().CancelAsync(submissionId, new Portal.Application.Access.Viewer(null, IsHost: true), Ct);

        // Assert
        Assert.Null(error);
        Assert.Empty((await factory.Services.GetRequiredService<ModelQueueService>().ReadAsync(Ct)).Entries);
        await using var check = await factory.DbAsync();
        var cancelled = await check.Submissions.SingleAsync(s => s.Id == submissionId, Ct);
        Assert.Equal(SubmissionStatus.Cancelled, cancelled.Status);
        Assert.Equal(ModelSubmissionService.CancelledByHostReason, cancelled.Error);
    }

    [Theory]
    [InlineData(20, "under a minute")]
    [InlineData(80, "about a minute")]
    [InlineData(720, "about 12 minutes")]
    [InlineData(9000, "about 2.5 hours")]
    public void About_Durations_ReadAsAStudentSaysThem(double seconds, string expected) =>
        Assert.Equal(expected, ModelQueueText.About(TimeSpan.FromSeconds(seconds)));
}
