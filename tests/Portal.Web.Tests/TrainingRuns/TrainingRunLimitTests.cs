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
}
