using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.TrainingRuns;

/// <summary>
/// A training run sent together with a submission (<c>run</c> parts of the submissions form): stored in the same request
/// once the submission is accepted; a run a reader refuses leaves the submission accepted and says why it was not kept.
/// </summary>
public sealed class SubmissionRunApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_CsvWithFiveFoldRun_AcceptedWithTheRunKeptAndReadBackExactly()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var (folder, folds) = TrainingRunHttp.WriteFolds();
        var files = TrainingRunHttp.FilesOf(folder);
        files.Add(("config.yaml", "model: resnet18\noptimizer:\n  lr: 0.001\n"u8.ToArray()));
        Directory.Delete(folder, recursive: true);

        // Act
        using var response = await token.SubmitWithRunAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), files, commit: "3f2a9c1");
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{accepted!.Id}/training-run");

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("scored", accepted.Status);
        var attached = Assert.IsType<ApiRunAttachment>(accepted.TrainingRun);
        Assert.True(attached.Kept, attached.Error);
        Assert.Equal(folds.Expected.Count, attached.Series);
        Assert.Equal($"/api/v1/submissions/{accepted.Id}/training-run", attached.Url);
        Assert.Equal(folds.Expected.Where(e => e.Tag == "val/f1").Average(e => e.Values[^1]), attached.ValidationF1Last!.Value, 12);
        Assert.Equal(5, run.Series.Where(s => s.Tag == "val/f1").Select(s => s.Run).Distinct().Count());
        foreach (var expected in folds.Expected)
        {
            var series = Assert.Single(run.Series, s => s.Run == expected.Run && s.Tag == expected.Tag);
            Assert.Equal(expected.Steps, series.Steps);
            Assert.Equal(expected.Values, series.Values.Select(v => v!.Value));
        }

        Assert.Equal("0.001", run.Settings["optimizer.lr"]);
        Assert.Equal("3f2a9c1", run.GitCommit);
        Assert.Equal(accepted.PublicScore, run.PublicScore);
    }

    [Fact]
    public async Task Submit_RunPartsBeforeTheFileAsZip_AcceptedWithTheRunKept()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var (folder, folds) = TrainingRunHttp.WriteFolds(folds: 2, steps: 10, seed: 5);
        var zip = TrainingRunHttp.Zip(TrainingRunHttp.FilesOf(folder), top: "run7");
        Directory.Delete(folder, recursive: true);

        // Act
        using var response = await token.SubmitWithRunAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.6, 0.6)), [("run7.zip", zip)], runFirst: true);
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(accepted!.TrainingRun?.Kept, accepted.TrainingRun?.Error);
        Assert.Equal(folds.Expected.Count, accepted.TrainingRun!.Series);
    }

    [Fact]
    public async Task Submit_CsvWithCorruptEventFile_SubmissionAcceptedAndRunRefusedNamingTheFile()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var (folder, _) = TrainingRunHttp.WriteFolds(folds: 3, steps: 10);
        var files = TrainingRunHttp.FilesOf(folder);
        Directory.Delete(folder, recursive: true);
        var (name, bytes) = files[1];
        bytes[bytes.Length / 2] ^= 0xFF;

        // Act
        using var response = await token.SubmitWithRunAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), files);
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);
        var submission = await token.GetJsonAsync<ApiSubmission>($"/api/v1/submissions/{accepted!.Id}");
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{accepted.Id}/training-run");

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("scored", submission.Status);
        var attached = Assert.IsType<ApiRunAttachment>(accepted.TrainingRun);
        Assert.False(attached.Kept);
        Assert.Contains($"Submission #{accepted.Id} was accepted", attached.Error, StringComparison.Ordinal);
        Assert.Contains(name, attached.Error, StringComparison.Ordinal);
        Assert.Contains("record", attached.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", attached.Error, StringComparison.Ordinal);
        Assert.Null(run.UploadedAtUtc);
    }

    [Fact]
    public async Task Submit_RefusedCsvWithRun_400AndNoRunStored()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var (folder, _) = TrainingRunHttp.WriteFolds(folds: 1, steps: 10);
        var files = TrainingRunHttp.FilesOf(folder);
        Directory.Delete(folder, recursive: true);

        // Act
        using var response = await token.SubmitWithRunAsync(scenario.Slug, "ImageID,ans\nnot-an-image.jpg,0\n", files);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.False(await db.Submissions.AnyAsync(s => s.CompetitionId == scenario.CompetitionId, Ct));
        Assert.Equal(0, await db.TrainingRuns.CountAsync(r => db.Submissions.Any(s => s.Id == r.SubmissionId && s.CompetitionId == scenario.CompetitionId), Ct));
    }

    [Fact]
    public async Task Submit_WithoutRun_AnswerHasNoTrainingRun()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);

        // Act
        using var response = await token.SubmitAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)));
        var accepted = await response.Content.ReadFromJsonAsync<ApiSubmissionAccepted>(PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(accepted!.TrainingRun);
    }

    [Fact]
    public async Task OpenApi_SubmissionsEndpoint_DescribesTheRunParts()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        var document = await client.GetTextAsync("/openapi/v1.json");

        // Assert
        Assert.Contains("`run` file fields", document, StringComparison.Ordinal);
        Assert.Contains("`trainingRun`", document, StringComparison.Ordinal);
    }
}
