using System.Globalization;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using Portal.Application.Demo;

namespace Portal.E2ETests;

/// <summary>Compare in a real browser: open two demo submissions, pick a heatmap cell, see its images, export them.</summary>
[Collection(nameof(BrowserSuite))]
public sealed class CompareJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Compare_TwoDemoSubmissions_HeatmapCellFiltersImagesAndExports()
    {
        // Arrange
        var (a, b) = await DemoSubmissions.TwoScoredAsync(server);
        await using var host = await server.NewSessionAsync();
        await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
        var compare = new ComparePage(host.Page, DemoSeeder.Slug);

        try
        {
            // Act
            await compare.OpenAsync(a, b);
            var all = Count(await compare.ShownCountAsync());
            await host.ScreenshotAsync("compare-01-opened");
            var cell = await compare.ClickLargestCellAsync();
            var filtered = Count(await compare.ShownCountAsync());
            var rows = await compare.VisibleRowsAsync();
            var csv = await compare.ExportCsvAsync();
            await host.ScreenshotAsync("compare-02-cell-selected");

            // Assert
            var cellCount = Count(cell[(cell.LastIndexOf(':') + 1)..]);
            Assert.Equal(cellCount, filtered);
            Assert.True(filtered < all, $"{filtered} of {all}");
            Assert.NotEmpty(rows);
            var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("ImageID,a,b,a_name,b_name,flips,truth", lines[0], StringComparison.Ordinal);
            Assert.Equal(filtered, lines.Length - 1);
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("compare-failure");
            throw;
        }
    }

    private static int Count(string text) =>
        int.Parse(new string(text.Where(char.IsDigit).ToArray()), CultureInfo.InvariantCulture);
}
