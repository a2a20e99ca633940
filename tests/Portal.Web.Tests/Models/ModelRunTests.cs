using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Storage;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Inference.Preprocessing;
using Portal.Web.Api;
using Portal.Application.Competitions;
using Portal.Application.Models;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;
using static Portal.Web.Tests.Support.BinningExpectations;

namespace Portal.Web.Tests.Models;

/// <summary>
/// Models run on the hidden images as background jobs: scored like probabilities, ranked, fold models soft-voted with their
/// own predictions kept, failures reported with the image, cancellation, and what teams may see of the per-view scores.
/// </summary>
public sealed class ModelRunTests(ModelPortalFactory factory) : IClassFixture<ModelPortalFactory>
{
    private const int Classes = 18;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunModel_TinyModel_IsScoredAsItsPredictionsAndRanked()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var expected = ExpectedLabels(scenario, i => Softmax(TinyModels.BinningLogits(Normalised(i, 0), Classes)));

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");

        // Assert
        Assert.Equal("scored", done.Status);
        Assert.Equal("model", done.Kind);
        Assert.Equal(scenario.PublicScore(expected), done.PublicScore!.Value, 9);
        Assert.Null(done.PrivateScore);
        var board = await client.GetJsonAsync<ApiLeaderboard>($"/api/v1/competitions/{scenario.Slug}/leaderboard");
        var row = Assert.Single(board.Rows);
        Assert.Equal(scenario.A.Name, row.Team);
        Assert.Equal(done.PublicScore.Value, row.Score, 9);
        await using var db = await factory.DbAsync();
        var stored = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(expected, stored.Labels);
        Assert.StartsWith($"predictions/{scenario.CompetitionId}/", stored.ProbabilitiesKey, StringComparison.Ordinal);
        Assert.True(await factory.Services.GetRequiredService<IFileStorage>().ExistsAsync(stored.ProbabilitiesKey!, Ct));

        // A rescore scores the kept probabilities again, without running the model.
        await factory.Services.GetRequiredService<CompetitionService>().RescoreAllAsync(scenario.CompetitionId, Ct);
        var rescored = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");
        Assert.Equal("scored", rescored.Status);
        Assert.Equal(done.PublicScore.Value, rescored.PublicScore!.Value, 12);
        Assert.Single(await db.Jobs.Where(j => j.SubmissionId == id && j.Kind == JobKind.RunModel).ToListAsync(Ct));
    }

    [Fact]
    public async Task RunModel_TwoWeightedFolds_AreSoftVotedAndEachMemberKept()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var host = await factory.SignInAsHostAsync();
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput) { ["weights"] = "2,1", ["tta"] = "hflip" };
        var red = ExpectedLabels(scenario, i => Softmax(TinyModels.BinningLogits(Normalised(i, 0), Classes)));
        var green = ExpectedLabels(scenario, i => Softmax(TinyModels.BinningLogits(Normalised(i, 1), Classes)));
        var voted = ExpectedLabels(scenario, i =>
        {
            var a = Softmax(TinyModels.BinningLogits(Normalised(i, 0), Classes));
            var b = Softmax(TinyModels.BinningLogits(Normalised(i, 1), Classes));
            return a.Select((p, k) => (2 * p + b[k]) / 3).ToArray();
        });

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug,
            [("fold0.onnx", TinyModels.Binning(0, Classes)), ("fold1.onnx", TinyModels.Binning(1, Classes))], fields);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");
        var details = await host.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{id}/model-run");

        // Assert
        Assert.Equal("scored", done.Status);
        Assert.Equal(scenario.PublicScore(voted), done.PublicScore!.Value, 9);
        Assert.Equal(["fold0.onnx", "fold1.onnx"], details.Members.Select(m => m.Name));
        Assert.Equal([2.0, 1.0], details.Members.Select(m => m.Weight));
        Assert.Equal(scenario.PublicScore(red), details.Members[0].Merged.Public, 9);
        Assert.Equal(scenario.PrivateScore(green), details.Members[1].Merged.Private!.Value, 9);
        Assert.Equal(done.PublicScore.Value, details.Ensemble.Public, 9);
        Assert.All(details.Members, m => Assert.Equal(["identity", "hflip"], m.Views.Select(v => v.View)));
        var kept = factory.StoredFiles($"predictions/{scenario.CompetitionId}/{id}").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["member0-hflip.f32", "member0-identity.f32", "member0.f32", "member1-hflip.f32", "member1-identity.f32", "member1.f32"], kept);
        Assert.All(factory.StoredFiles($"predictions/{scenario.CompetitionId}/{id}"), f => Assert.Equal(scenario.ImageIds.Count * Classes * 4, new FileInfo(f).Length));
        using var file = await client.GetPathAsync($"/api/v1/submissions/{id}/file");
        Assert.Equal("application/zip", file.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ModelRunDetails_DuringTheCompetition_TeamSeesPublicSplitOnly()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        using var other = factory.WithToken(scenario.B.Token);
        using var host = await factory.SignInAsHostAsync();
        var fields = new Dictionary<string, string>(ModelHttp.SmallInput) { ["tta"] = "flip" };
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(2, Classes))], fields);
        await client.WaitForStatusAsync(id, RunTimeout, "scored");

        // Act
        var team = await client.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{id}/model-run");
        var hostView = await host.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{id}/model-run");
        using var otherTeam = await other.GetPathAsync($"/api/v1/submissions/{id}/model-run");
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var page = await member.GetTextAsync($"/c/{scenario.Slug}/submissions");

        // Assert
        var views = Assert.Single(team.Members).Views;
        Assert.Equal(4, views.Count);
        Assert.All(views, v => Assert.Null(v.F1.Private));
        Assert.Null(team.Members[0].Merged.Private);
        Assert.Null(team.Ensemble.Private);
        Assert.All(hostView.Members[0].Views, v => Assert.NotNull(v.F1.Private));
        Assert.NotNull(hostView.Ensemble.Private);
        Assert.Equal(HttpStatusCode.NotFound, otherTeam.StatusCode);
        Assert.Contains("data-testid=\"model-gains\"", page, StringComparison.Ordinal);
        Assert.Contains("Private scores appear after the competition closes", page, StringComparison.Ordinal);

        // After the close the team sees everything about its own submission.
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);
        var closed = await client.GetJsonAsync<ModelRunDetails>($"/api/v1/submissions/{id}/model-run");
        Assert.All(closed.Members[0].Views, v => Assert.Equal(hostView.Members[0].Views.Single(h => h.View == v.View).F1.Private, v.F1.Private));
        Assert.Equal(hostView.Ensemble.Private, closed.Ensemble.Private);
    }

    [Fact]
    public async Task RunModel_ModelThrows_FailsWithTheImageAndThePortalKeepsServing()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var broken = TinyModels.ChannelMeanClassifier(new float[3 * Classes], new float[Classes], failsAtRunTime: true);

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("broken.onnx", broken)]);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "scored", "failed");

        // Assert
        Assert.Equal("failed", done.Status);
        Assert.StartsWith($"The model 'broken.onnx' failed on image {scenario.ImageIds[0]}:", done.Error, StringComparison.Ordinal);
        using var health = await factory.Anonymous().GetPathAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        using var page = await member.GetPathAsync($"/c/{scenario.Slug}/submissions");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var db = await factory.DbAsync();
        var job = await factory.SettledJobAsync(id);
        Assert.Equal(JobState.Failed, job.State);
        // The model caused it, so the run counts toward the daily limit; the host's job keeps ONNX Runtime's own text.
        Assert.Equal(1, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
        Assert.DoesNotContain("/", done.Error, StringComparison.Ordinal);
        Assert.True(job.Error!.Length > done.Error!.Length, job.Error);
        // The worker goes on: the next submission is scored.
        var next = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));
        Assert.Equal("scored", (await client.WaitUntilDoneAsync(next)).Status);
    }

    [Fact]
    public async Task CancelModelRun_WhileRunning_EndsTheJobAndKeepsTheSlot()
    {
        // Arrange: a large input and eight views make the run take seconds.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var fields = new Dictionary<string, string> { ["width"] = "640", ["height"] = "640", ["tta"] = "d4" };
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("slow.onnx", TinyModels.Binning(0, Classes))], fields);
        await client.WaitForStatusAsync(id, RunTimeout, "running");

        // Act
        using var response = await client.PostAsync(new Uri($"/api/v1/submissions/{id}/cancel", UriKind.Relative), null, Ct);
        var done = await client.WaitForStatusAsync(id, RunTimeout, "cancelled", "scored", "failed");

        // Assert
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("cancelled", done.Status);
        Assert.Equal(ModelSubmissionService.CancelledReason, done.Error);
        await using var db = await factory.DbAsync();
        Assert.Equal(JobState.Cancelled, (await db.Jobs.SingleAsync(j => j.SubmissionId == id, Ct)).State);
        // A cancelled run counts toward the daily limit, so runs cannot be started and cancelled without end.
        Assert.Equal(1, await db.DailyQuotas.Where(q => q.TeamId == scenario.A.Id).SumAsync(q => q.Used, Ct));
        // The model slot is free again: another model run is scored.
        var next = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
        Assert.Equal("scored", (await client.WaitForStatusAsync(next, RunTimeout, "scored", "failed")).Status);
        using var again = await client.PostAsync(new Uri($"/api/v1/submissions/{next}/cancel", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ModelRuns_WhileOneRuns_TheSecondWaitsAndCsvScoringGoesOn()
    {
        // Arrange: one model slot per worker (the default) and two job slots.
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var slow = new Dictionary<string, string> { ["width"] = "640", ["height"] = "640", ["tta"] = "d4" };
        var first = await client.SubmitModelAcceptedAsync(scenario.Slug, [("slow.onnx", TinyModels.Binning(0, Classes))], slow);
        await client.WaitForStatusAsync(first, RunTimeout, "running");

        // Act
        var second = await client.SubmitModelAcceptedAsync(scenario.Slug, [("next.onnx", TinyModels.Binning(1, Classes))]);
        var csv = await client.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(1, 1)));
        var csvDone = await client.WaitUntilDoneAsync(csv);
        var firstMeanwhile = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{first}");
        var secondMeanwhile = await client.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{second}");

        // Assert
        Assert.Equal("scored", csvDone.Status);
        Assert.Equal("running", firstMeanwhile.Status);
        Assert.Equal("queued", secondMeanwhile.Status);
        using var cancel = await client.PostAsync(new Uri($"/api/v1/submissions/{first}/cancel", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal("scored", (await client.WaitForStatusAsync(second, RunTimeout, "scored", "failed")).Status);
    }
}
