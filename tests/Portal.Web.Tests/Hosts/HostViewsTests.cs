using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Admin;
using Portal.Data.Entities;
using Portal.Web.Api;
using Portal.Web.Tests.Ensembles;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Hosts;

/// <summary>The host's tables: every submission of a competition (filtered, newest first, paged, downloadable) and the jobs of every competition.</summary>
[AlsoOnPostgres]
public sealed class HostViewsTests(HostApiPortalFactory factory) : IClassFixture<HostApiPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AdminService Admin => factory.Services.GetRequiredService<AdminService>();

    [Fact]
    public async Task Submissions_FilteredByTeamAndStatus_NewestFirstAndPaged()
    {
        // Arrange: A sends three, B two.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var ofA = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            ofA.Add(await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.3 + (0.1 * i), 0.5))));
        }

        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)));

        // Act
        var all = await Admin.SubmissionsAsync(scenario.CompetitionId, null, null, 1, 25, Ct);
        var firstPageOfA = await Admin.SubmissionsAsync(scenario.CompetitionId, scenario.A.Id, null, 1, 2, Ct);
        var secondPageOfA = await Admin.SubmissionsAsync(scenario.CompetitionId, scenario.A.Id, null, 2, 2, Ct);
        var failed = await Admin.SubmissionsAsync(scenario.CompetitionId, null, SubmissionStatus.Failed, 1, 25, Ct);

        // Assert
        Assert.Equal(5, all.Total);
        Assert.Equal(all.Rows.Select(r => r.Id).OrderDescending(), all.Rows.Select(r => r.Id));
        Assert.Equal((3, 2), (firstPageOfA.Total, firstPageOfA.PageCount));
        Assert.Equal([ofA[2], ofA[1]], firstPageOfA.Rows.Select(r => r.Id));
        Assert.Equal([ofA[0]], secondPageOfA.Rows.Select(r => r.Id));
        Assert.All(firstPageOfA.Rows, r => Assert.Equal(scenario.A.Name, r.TeamName));
        Assert.Equal(0, failed.Total);
    }

    [Fact]
    public async Task SubmissionsPage_Host_ListsEveryTeamWithDownloadsThatWork()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var a = factory.WithToken(scenario.A.Token);
        using var b = factory.WithToken(scenario.B.Token);
        var ofA = await a.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)), "resnet of team A");
        var ofB = await b.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)), "vit of team B");
        using var host = await factory.SignInAsHostAsync();

        // Act
        var page = await host.GetTextAsync($"/admin/c/{scenario.Slug}/submissions");
        using var download = await host.GetPathAsync($"/api/v1/submissions/{ofB}/file");

        // Assert
        Assert.Contains("data-testid=\"host-submissions\"", page, StringComparison.Ordinal);
        Assert.Contains("resnet of team A", page, StringComparison.Ordinal);
        Assert.Contains("vit of team B", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("vit of team B", StringComparison.Ordinal) < page.IndexOf("resnet of team A", StringComparison.Ordinal), "newest first");
        Assert.Contains($"href=\"api/v1/submissions/{ofA}/file\"", page, StringComparison.Ordinal);
        Assert.Contains(" UTC", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("ImageID,ans", await download.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsApi_HostToken_ListsJobsOfEveryCompetitionWithUtcTimes()
    {
        // Arrange: an ensemble job in each of two competitions.
        var first = await new ScenarioBuilder(factory).BuildAsync();
        var second = await new ScenarioBuilder(factory).BuildAsync();
        foreach (var scenario in new[] { first, second })
        {
            using var team = factory.WithToken(scenario.A.Token);
            var x = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
            var y = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)));
            await team.PostEnsembleAcceptedAsync(scenario.Slug, "hard", (x, 1), (y, 1));
        }

        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);

        // Act
        var jobs = (await host.GetFromJsonAsync<ApiJobPage>("/api/v1/jobs?kind=buildEnsemble&pageSize=200", Ct))!;
        var raw = await host.GetTextAsync("/api/v1/jobs?pageSize=1");

        // Assert
        Assert.Contains(jobs.Jobs, j => j.Competition == first.Slug && j.Kind == "buildEnsemble");
        Assert.Contains(jobs.Jobs, j => j.Competition == second.Slug);
        Assert.All(jobs.Jobs, j => Assert.Equal(DateTimeKind.Utc, j.CreatedAtUtc.Kind));
        Assert.Equal(jobs.Jobs.Select(j => j.Id).OrderDescending(), jobs.Jobs.Select(j => j.Id));
        Assert.Matches("\"createdAtUtc\":\"20\\d\\d-\\d\\d-\\d\\dT[^\"]*Z\"", raw);
    }

    [Theory]
    [InlineData("/api/v1/jobs?state=sleeping", "not a job state")]
    [InlineData("/api/v1/jobs?kind=1", "not a job kind")]
    [InlineData("/api/v1/jobs?pageSize=100000", "pageSize is from 1")]
    [InlineData("/api/v1/jobs?page=0", "page starts at 1")]
    public async Task JobsApi_BadQuery_ProblemWithSentence(string path, string expected)
    {
        // Arrange
        using var host = factory.WithToken(HostApiPortalFactory.ConfiguredToken);

        // Act
        using var response = await host.GetPathAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsPage_Host_ShowsJobsWithYearAndZone()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var team = factory.WithToken(scenario.A.Token);
        var x = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.5, 0.5)));
        var y = await team.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.5)));
        await team.PostEnsembleAcceptedAsync(scenario.Slug, "hard", (x, 1), (y, 1));
        using var host = await factory.SignInAsHostAsync();

        // Act
        var page = await host.GetTextAsync("/admin/jobs");

        // Assert
        Assert.Contains("data-testid=\"host-jobs\"", page, StringComparison.Ordinal);
        Assert.Contains(scenario.Slug, page, StringComparison.Ordinal);
        Assert.Matches(@"20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC", page);
    }

    [Fact]
    public async Task CancelJob_WaitingModelRun_CancelledOnceThenConflict()
    {
        // Arrange: an instance without a worker, so the model run waits; an ensemble job beside it.
        using var store = PortalStore.Create();
        await using var app = PortalFactory.Over(store, runWorker: false, new Dictionary<string, string> { ["Portal:HostApiToken"] = HostApiPortalFactory.ConfiguredToken });
        var scenario = await new ScenarioBuilder(app).BuildAsync();
        long modelJob;
        long otherJob;
        await using (var db = await app.DbAsync())
        {
            var submission = new Submission
            {
                CompetitionId = scenario.CompetitionId, TeamId = scenario.A.Id, Kind = SubmissionKind.Model, Status = SubmissionStatus.Queued,
                FileName = "model.onnx", QuotaDay = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), CreatedAtUtc = DateTime.UtcNow,
            };
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(Ct);
            var model = new Job { Kind = JobKind.RunModel, State = JobState.Queued, CompetitionId = scenario.CompetitionId, SubmissionId = submission.Id, CreatedAtUtc = DateTime.UtcNow };
            var rescore = new Job { Kind = JobKind.RescoreCompetition, State = JobState.Queued, CompetitionId = scenario.CompetitionId, CreatedAtUtc = DateTime.UtcNow };
            db.Jobs.AddRange(model, rescore);
            await db.SaveChangesAsync(Ct);
            (modelJob, otherJob) = (model.Id, rescore.Id);
        }

        using var host = app.WithToken(HostApiPortalFactory.ConfiguredToken);

        // Act
        using var cancelled = await host.PostAsync(new Uri($"/api/v1/jobs/{modelJob}/cancel", UriKind.Relative), null, Ct);
        using var again = await host.PostAsync(new Uri($"/api/v1/jobs/{modelJob}/cancel", UriKind.Relative), null, Ct);
        using var other = await host.PostAsync(new Uri($"/api/v1/jobs/{otherJob}/cancel", UriKind.Relative), null, Ct);
        using var participant = app.WithToken(scenario.A.Token);
        using var byTeam = await participant.PostAsync(new Uri($"/api/v1/jobs/{modelJob}/cancel", UriKind.Relative), null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<ApiJob>(Ct))!.State);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("nothing to cancel", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains("Only a model run", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byTeam.StatusCode);
    }
}
