using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Data;
using Portal.TrainingRuns.Tests.Fixtures;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.TrainingRuns;

/// <summary>A submission's training run over the API: uploaded whole, read back exactly, refused with its reason, shown to others only when published after the close.</summary>
public sealed class TrainingRunApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_FiveFoldTensorBoardFolder_ReadsBackExactlyTheSeries()
    {
        // Arrange
        var (scenario, token, submission) = await SubmittedAsync();
        var (folder, folds) = TrainingRunHttp.WriteFolds();
        var files = TrainingRunHttp.FilesOf(folder);

        // Act
        using var upload = await token.UploadRunAsync(submission, files, commit: "3f2a9c1");
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{submission}/training-run");

        // Assert
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));
        AssertSeries(folds, run);
        Assert.Equal("3f2a9c1", run.GitCommit);
        Assert.Equal("val/f1", run.ValidationTag);
        Assert.Equal(folds.Expected.Where(e => e.Tag == "val/f1").Average(e => e.Values[^1]), run.ValidationF1Last!.Value, 12);
        Assert.Equal(folds.Expected.Where(e => e.Tag == "val/f1").Average(e => e.Values.Max()), run.ValidationF1Best!.Value, 12);
        Assert.Equal("resnet18", run.Settings["fold_0:hparams.model"]);
        Assert.NotNull(run.PublicScore);
        Directory.Delete(folder, recursive: true);
        _ = scenario;
    }

    [Fact]
    public async Task Upload_ZipOfRunFolder_ReadsBackTheFoldsAndSettingsSkippingOtherFiles()
    {
        // Arrange
        var (_, token, submission) = await SubmittedAsync();
        var (folder, folds) = TrainingRunHttp.WriteFolds(seed: 21);
        var files = TrainingRunHttp.FilesOf(folder);
        files.Add(("config.yaml", "optimizer:\n  lr: 0.001\naugment: [hflip, rotate]\n"u8.ToArray()));
        files.Add(("checkpoints/model.pt", new byte[100]));
        var zip = TrainingRunHttp.Zip(files, top: "run42");

        // Act
        using var upload = await token.UploadRunAsync(submission, [("run42.zip", zip)]);
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{submission}/training-run");

        // Assert
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));
        AssertSeries(folds, run);
        Assert.Equal("0.001", run.Settings["optimizer.lr"]);
        Assert.Equal("hflip", run.Settings["augment[0]"]);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Upload_CorruptEventFile_IsRefusedWithItsReasonAndNothingIsStored()
    {
        // Arrange
        var (_, token, submission) = await SubmittedAsync();
        var (folder, _) = TrainingRunHttp.WriteFolds();
        var files = TrainingRunHttp.FilesOf(folder);
        var (name, bytes) = files[2];
        bytes[bytes.Length / 2] ^= 0xFF;

        // Act
        using var upload = await token.UploadRunAsync(submission, files);
        var body = await upload.Content.ReadAsStringAsync(Ct);
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{submission}/training-run");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains(name, body, StringComparison.Ordinal);
        Assert.Contains("record", body, StringComparison.Ordinal);
        Assert.Null(run.UploadedAtUtc);
        Assert.Empty(run.Series);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.TrainingRuns.AnyAsync(r => r.SubmissionId == submission, Ct));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Upload_FileOfAnotherKind_IsRefusedNamingIt()
    {
        // Arrange
        var (_, token, submission) = await SubmittedAsync();

        // Act
        using var upload = await token.UploadRunAsync(submission, [("model.pt", new byte[10])]);
        var body = await upload.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("model.pt", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherTeam_SeesRunOnlyOncePublishedAfterTheClose()
    {
        // Arrange
        var (scenario, token, submission) = await SubmittedAsync();
        using var other = factory.WithToken(scenario.B.Token);
        var (folder, folds) = TrainingRunHttp.WriteFolds(folds: 2, steps: 10);
        using (var upload = await token.UploadRunAsync(submission, TrainingRunHttp.FilesOf(folder)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        // Act
        using var beforeClose = await other.GetPathAsync($"/api/v1/submissions/{submission}/training-run");
        using var publishWhileOpen = await token.PublishRunAsync(submission, true);
        await factory.Services.GetRequiredService<CompetitionService>().CloseAsync(scenario.CompetitionId, Ct);
        using var closedUnpublished = await other.GetPathAsync($"/api/v1/submissions/{submission}/training-run");
        using var publishByOther = await other.PublishRunAsync(submission, true);
        using var publish = await token.PublishRunAsync(submission, true);
        var published = await other.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{submission}/training-run");
        using var withdraw = await token.PublishRunAsync(submission, false);
        using var withdrawn = await other.GetPathAsync($"/api/v1/submissions/{submission}/training-run");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, beforeClose.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, publishWhileOpen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, closedUnpublished.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publishByOther.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, publish.StatusCode);
        Assert.True(published.Published);
        AssertSeries(folds, published);
        Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withdrawn.StatusCode);
        Directory.Delete(folder, recursive: true);
    }

    private static void AssertSeries(FoldRuns folds, ApiTrainingRun run)
    {
        Assert.Equal(folds.Expected.Count, run.Series.Count);
        foreach (var expected in folds.Expected)
        {
            var series = Assert.Single(run.Series, s => s.Run == expected.Run && s.Tag == expected.Tag);
            Assert.Equal(expected.Steps, series.Steps);
            Assert.Equal(expected.Values, series.Values.Select(v => v!.Value));
        }
    }

    private async Task<(Scenario Scenario, HttpClient Token, int Submission)> SubmittedAsync()
    {
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        var token = factory.WithToken(scenario.A.Token);
        var submission = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), "run 1");
        return (scenario, token, submission);
    }
}
