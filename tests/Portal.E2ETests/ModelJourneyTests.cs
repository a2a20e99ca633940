using System.Globalization;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.Application.Demo;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.E2ETests;

/// <summary>A model in a real browser: upload an ONNX file on Submit, watch the run's live progress, see the score on Submissions.</summary>
[Collection(nameof(BrowserSuite))]
public sealed class ModelJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task ModelUpload_TinyModel_ShowsLiveProgressThenTheScore()
    {
        // Arrange
        await using var participant = await server.NewSessionAsync();
        var page = participant.Page;
        var model = Path.Combine(server.DataDirectory, "bins.onnx");
        await File.WriteAllBytesAsync(model, TinyModels.Binning(0, 18), TestContext.Current.CancellationToken);
        await new AccountPages(page).SignUpAsync("Mo Model", "mo@e2e.local", "Student-pass-1");
        await new CompetitionPages(page, DemoSeeder.Slug).CreateTeamAsync("Model Team");
        var submit = new ModelSubmitPage(page, DemoSeeder.Slug);

        try
        {
            // Act
            await submit.UploadAsync([model], 96, 128, "tiny binning model");
            var progress = await submit.WaitForRunProgressAsync();
            await participant.ScreenshotAsync("model-01-running");
            var score = await submit.WaitForPublicScoreAsync();
            await participant.ScreenshotAsync("model-02-scored");
            var gains = await submit.ModelGainsAsync();
            await participant.ScreenshotAsync("model-03-submissions");

            // Assert
            Assert.Matches("[0-9,]+ of [0-9,]+ images", progress);
            Assert.InRange(double.Parse(score, CultureInfo.InvariantCulture), 0, 1);
            Assert.Contains("no TTA", gains, StringComparison.Ordinal);
            participant.AssertNoJavaScriptErrors();
        }
        catch
        {
            await participant.ScreenshotAsync("model-failure");
            throw;
        }
    }
}
