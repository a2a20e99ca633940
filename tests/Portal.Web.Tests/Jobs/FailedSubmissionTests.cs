using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Jobs;

/// <summary>A submission whose scoring fails ends Failed with a reason a person can read, and gives its slot back.</summary>
[AlsoOnPostgres]
public sealed class FailedSubmissionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly PortalStore _store = PortalStore.Create();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Rescore_KeptPredictionsAndFileGone_FailsReadablyAndGivesQuotaBack()
    {
        // Arrange: a probabilities CSV is scored at once; then its kept probabilities and its file disappear from storage.
        await using var app = PortalFactory.Over(_store, runWorker: true);
        var scenario = await new ScenarioBuilder(app).WithDailyLimit(1).BuildAsync();
        using var team = app.WithToken(scenario.A.Token);
        var id = await team.SubmitAcceptedAsync(scenario.Slug, ProbabilitiesCsv(scenario, 0.8));
        using (var refused = await team.SubmitAsync(scenario.Slug, ProbabilitiesCsv(scenario, 0.7)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        await DeleteStoredAsync(app, id);

        // Act: a rescore must read them again.
        await app.Services.GetRequiredService<CompetitionService>().RescoreAllAsync(scenario.CompetitionId, Ct);
        var failed = await team.WaitUntilDoneAsync(id);

        // Assert
        Assert.Equal("failed", failed.Status);
        Assert.NotNull(failed.Error);
        Assert.DoesNotContain(_store.DataDirectory, failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", failed.Error, StringComparison.Ordinal);
        Assert.Contains("submit it again", failed.Error, StringComparison.Ordinal);

        var teamView = await app.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(0, teamView!.UsedToday);
        using var retry = await team.SubmitAsync(scenario.Slug, ProbabilitiesCsv(scenario, 0.8));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }

    [Fact]
    public async Task RescoreAll_AfterAFailure_LeavesItFailedAndDoesNotGiveItsSlotBackTwice()
    {
        // Arrange: submission 1 failed on a rescore (its predictions are gone), submission 2 is scored; 1 of 2 used today.
        await using var app = PortalFactory.Over(_store, runWorker: true);
        var scenario = await new ScenarioBuilder(app).WithDailyLimit(2).BuildAsync();
        using var team = app.WithToken(scenario.A.Token);
        var competitions = app.Services.GetRequiredService<CompetitionService>();
        var failedId = await team.SubmitAcceptedAsync(scenario.Slug, ProbabilitiesCsv(scenario, 0.8));
        await DeleteStoredAsync(app, failedId);
        await competitions.RescoreAllAsync(scenario.CompetitionId, Ct);
        var failed = await team.WaitUntilDoneAsync(failedId);
        Assert.Equal("failed", failed.Status);
        var scoredId = await team.SubmitAcceptedAsync(scenario.Slug, ProbabilitiesCsv(scenario, 0.7));

        // Act
        var queued = await competitions.RescoreAllAsync(scenario.CompetitionId, Ct);
        var rescored = await team.WaitUntilDoneAsync(scoredId);

        // Assert
        Assert.Equal(1, queued);
        Assert.Equal("scored", rescored.Status);
        var after = await team.WaitUntilDoneAsync(failedId);
        Assert.Equal("failed", after.Status);
        Assert.Equal(failed.Error, after.Error);
        var teamView = await app.Services.GetRequiredService<TeamService>().FindAsync(scenario.A.Id, Ct);
        Assert.Equal(1, teamView!.UsedToday);
    }

    private static string ProbabilitiesCsv(Scenario scenario, double right) =>
        EnsembleHttp.ProbabilitiesCsv(scenario.ImageIds, EnsembleHttp.Probabilities(scenario.Predict(right, right), 18, seed: 1), 18);

    private static async Task DeleteStoredAsync(PortalFactory app, int submissionId)
    {
        await using var db = await app.DbAsync();
        var keys = await db.Submissions.Where(s => s.Id == submissionId).Select(s => new { s.FileKey, s.ProbabilitiesKey }).SingleAsync(Ct);
        var storage = app.Services.GetRequiredService<IFileStorage>();
        await storage.DeleteAsync(keys.FileKey, Ct);
        await storage.DeleteAsync(keys.ProbabilitiesKey!, Ct);
    }
}
