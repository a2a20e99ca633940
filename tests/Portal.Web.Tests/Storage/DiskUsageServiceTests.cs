using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Admin;
using Portal.Application.Competitions;
using Portal.Application.Thumbnails;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Storage;

/// <summary>The Admin disk panel's figures are the stored files' own sizes, and its cleanups free what they say.</summary>
[AlsoOnPostgres]
public sealed class DiskUsageServiceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DiskUsageService Disk => factory.Services.GetRequiredService<DiskUsageService>();

    [Fact]
    public async Task Measure_CompetitionWithASubmission_CountsItsImagesAndCsvAndFilesOfADeletedOne()
    {
        // Arrange: a competition with a scored CSV, and a file of a competition id that does not exist.
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        var csv = scenario.Csv(scenario.Predict(0.7, 0.7));
        using (var client = factory.WithToken(scenario.A.Token))
        {
            await client.SubmitAcceptedAsync(scenario.Slug, csv);
        }

        var leftBehind = Path.Combine(factory.DataDirectory, "files", "hidden", "987654", "0123456789abcdef", "x.png");
        Directory.CreateDirectory(Path.GetDirectoryName(leftBehind)!);
        await File.WriteAllBytesAsync(leftBehind, new byte[1234], Ct);
        var imageBytes = Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "files", "hidden", scenario.CompetitionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "*", SearchOption.AllDirectories)
            .Sum(f => new FileInfo(f).Length);

        // Act
        var report = await Disk.MeasureAsync(Ct);

        // Assert
        var mine = Assert.Single(report.Competitions, c => c.CompetitionId == scenario.CompetitionId);
        Assert.Equal(scenario.Slug, mine.Slug);
        Assert.Equal(imageBytes, mine.HiddenImageBytes);
        Assert.True(imageBytes > 0);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(csv), mine.SubmissionBytes);
        Assert.Equal(0, mine.ModelBytes);
        var orphan = Assert.Single(report.Competitions, c => c.CompetitionId == 987654);
        Assert.Null(orphan.Slug);
        Assert.Equal(1234, orphan.HiddenImageBytes);
        Assert.Equal(3, report.Disks.Count);
        Assert.All(report.Disks, d => Assert.True(d.FreeBytes > 0, d.Name));
    }

    [Fact]
    public async Task DeleteThumbnails_AfterOneWasMade_FreesItsBytesAndPagesMakeItAgain()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        var thumbnails = factory.Services.GetRequiredService<ThumbnailService>();
        await using (var made = await thumbnails.OpenAsync(scenario.CompetitionId, scenario.ImageIds[0], cancellationToken: Ct))
        {
            Assert.NotNull(made);
        }

        var path = thumbnails.CachePath(scenario.Hidden.ImagesKey, ThumbnailService.DefaultSize, scenario.ImageIds[0]);
        var length = new FileInfo(path).Length;

        // Act
        var freed = Disk.DeleteThumbnails();

        // Assert
        Assert.True(freed >= length, $"freed {freed}, the thumbnail alone was {length}");
        Assert.False(File.Exists(path));
        Assert.Equal(0, (await Disk.MeasureAsync(Ct)).ThumbnailBytes);
        await using var again = await thumbnails.OpenAsync(scenario.CompetitionId, scenario.ImageIds[0], cancellationToken: Ct);
        Assert.NotNull(again);
    }
}
