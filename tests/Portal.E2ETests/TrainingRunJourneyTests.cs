using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Demo;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.TrainingRuns.Tests.Fixtures;

namespace Portal.E2ETests;

/// <summary>
/// A submission with its training run in a real browser: a team picks its 5-fold TensorBoard folder beside the CSV on
/// Submit, and on Submissions sees the five folds' curves beside the board score (screenshots at 1400 and 390 px).
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class TrainingRunJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task SubmitWithRunFolder_FiveFoldTensorBoardRun_FoldCurvesBesideTheBoardScore()
    {
        // Arrange
        await using var participant = await server.NewSessionAsync();
        var page = participant.Page;
        var runFolder = Path.Combine(server.DataDirectory, "resnet18-5fold");
        var folds = FoldRuns.Write(runFolder, folds: 5, steps: 40, seed: 7);
        var csv = await WriteCsvAsync();
        await new AccountPages(page).SignUpAsync("Tess Board", "tess@e2e.local", "Student-pass-1");
        await new CompetitionPages(page, DemoSeeder.Slug).CreateTeamAsync("Fold Team");
        var runs = new TrainingRunPages(page, DemoSeeder.Slug);

        try
        {
            // Act
            var picked = await runs.SubmitWithRunFolderAsync(csv, runFolder, files: 5, "resnet18, 5 folds");
            var kept = await runs.WaitForRunKeptAsync();
            var boardScore = await page.Locator("[data-testid=public-score]").InnerTextAsync();
            await participant.ScreenshotAsync("runs-01-submitted");
            await page.SetViewportSizeAsync(1400, 900);
            var rows = await runs.OpenRunRowsAsync();
            var lines = await runs.LinesOfAsync("val/f1");
            await participant.ScreenshotAsync("runs-02-submissions-1400");
            var row = rows.First;
            var id = await row.GetAttributeAsync("data-submission");
            var rowPublic = await row.Locator("[data-testid=run-public]").InnerTextAsync();
            var rowLast = await row.Locator("[data-testid=run-last]").InnerTextAsync();
            await page.SetViewportSizeAsync(390, 844);
            await runs.LinesOfAsync("val/f1");
            await participant.ScreenshotAsync("runs-03-submissions-390");

            // Assert
            Assert.Equal(["fold_0", "fold_1", "fold_2", "fold_3", "fold_4"], picked.Select(p => p[..p.IndexOf('/', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
            Assert.Contains("5 runs or folds", kept, StringComparison.Ordinal);
            Assert.Equal(1, await rows.CountAsync());
            Assert.Equal(Enumerable.Range(0, 5).Select(f => $"#{id} fold_{f}"), lines);
            Assert.Equal(boardScore.Trim(), rowPublic.Trim());
            var expectedLast = folds.Expected.Where(e => e.Tag == "val/f1").Average(e => e.Values[^1]);
            Assert.Equal(expectedLast.ToString("0.0000", CultureInfo.InvariantCulture), rowLast.Trim());
            participant.AssertNoJavaScriptErrors();
        }
        catch
        {
            await participant.ScreenshotAsync("runs-failure");
            throw;
        }
    }

    /// <summary>A valid labels CSV for the demo's hidden set (about 95% right).</summary>
    private async Task<string> WriteCsvAsync()
    {
        var competitions = server.Factory.Services.GetRequiredService<CompetitionService>();
        var demo = await competitions.FindAsync(DemoSeeder.Slug, new Viewer(null, IsHost: true));
        var hidden = await server.Factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(demo!.Id);
        var csv = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < hidden!.Truth.Count; i++)
        {
            var label = i % 20 == 0 ? (hidden.Truth.Labels[i] + 1) % 18 : hidden.Truth.Labels[i];
            csv.Append(hidden.Truth.Images[i]).Append(',').Append(label).Append('\n');
        }

        var path = Path.Combine(server.DataDirectory, "runs-upload.csv");
        await File.WriteAllTextAsync(path, csv.ToString());
        return path;
    }
}
