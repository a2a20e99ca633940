using System.Net;
using Portal.Web.Api;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.TrainingRuns;

/// <summary>A training-run file over <c>TrainingRuns:MaxFileBytes</c> is refused with 413 naming it, and nothing is stored.</summary>
public sealed class TrainingRunLimitTests(SmallRunLimitFactory factory) : IClassFixture<SmallRunLimitFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_FileOverTheLimit_IsRefusedWith413AndNothingStored()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var submission = await token.SubmitAcceptedAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)));
        var (folder, _) = TrainingRunHttp.WriteFolds(folds: 1, steps: 400);
        var files = TrainingRunHttp.FilesOf(folder);
        Directory.Delete(folder, recursive: true);
        Assert.True(files[0].Bytes.Length > SmallRunLimitFactory.MaxFileBytes);

        // Act
        using var upload = await token.UploadRunAsync(submission, files);
        var body = await upload.Content.ReadAsStringAsync(Ct);
        var run = await token.GetJsonAsync<ApiTrainingRun>($"/api/v1/submissions/{submission}/training-run");

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Contains(files[0].Name, body, StringComparison.Ordinal);
        Assert.Null(run.UploadedAtUtc);
    }

    [Fact]
    public async Task Submit_RunFileOverTheLimit_SubmissionAcceptedAndRunRefusedNamingIt()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var token = factory.WithToken(scenario.A.Token);
        var (folder, _) = TrainingRunHttp.WriteFolds(folds: 1, steps: 400);
        var files = TrainingRunHttp.FilesOf(folder);
        Directory.Delete(folder, recursive: true);
        Assert.True(files[0].Bytes.Length > SmallRunLimitFactory.MaxFileBytes);

        // Act: the run's part comes first and is cut off at its limit; the CSV after it is still read.
        using var response = await token.SubmitWithRunAsync(scenario.Slug, scenario.Csv(scenario.Predict(0.7, 0.6)), files, runFirst: true);
        var accepted = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ApiSubmissionAccepted>(response.Content, PortalHttp.Json, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(accepted!.TrainingRun!.Kept);
        Assert.Contains(files[0].Name, accepted.TrainingRun.Error, StringComparison.Ordinal);
        Assert.Contains("was accepted", accepted.TrainingRun.Error, StringComparison.Ordinal);
    }
}
