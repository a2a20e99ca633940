using System.Net;
using Microsoft.EntityFrameworkCore;
using Portal.Web.Tests.Support;
using Portal.Web.Tests.Support.Onnx;
using SkiaSharp;
using static Portal.Web.Tests.Support.BinningExpectations;

namespace Portal.Web.Tests.Storage;

/// <summary>
/// The whole path of a competition over storage that is not a local disk (<see cref="InMemoryFileStorage"/>): a
/// hidden-set import, a CSV submission and its download, thumbnails and a model run all work through storage's keys and
/// streams alone, and no storage folder is ever made. Only scratch files and local caches touch this machine's disk.
/// </summary>
public sealed class StorageWithoutDiskTests(InMemoryStoragePortalFactory factory) : IClassFixture<InMemoryStoragePortalFactory>
{
    private const int Images = 24;
    private const int Classes = 18;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Competition_OverInMemoryStorage_ImportsSubmitsDownloadsAndShowsThumbnails()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(Images).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var predicted = scenario.Predict(0.75, 0.5);
        var csv = scenario.Csv(predicted);

        // Act
        var id = await client.SubmitAcceptedAsync(scenario.Slug, csv);
        var done = await client.WaitUntilDoneAsync(id);
        using var download = await client.GetPathAsync($"/api/v1/submissions/{id}/file");
        using var thumbnail = await client.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/{Uri.EscapeDataString(scenario.ImageIds[5])}/thumbnail");

        // Assert: the images are one stored key each, the submission is scored and comes back byte for byte.
        Assert.Equal(Images, await CountAsync(scenario.Hidden.ImagesKey));
        Assert.Equal("scored", done.Status);
        Assert.Equal(scenario.PublicScore(predicted), done.PublicScore!.Value, 9);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(csv, await download.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        using (var codec = SKCodec.Create(SKData.CreateCopy(await thumbnail.Content.ReadAsByteArrayAsync(Ct))))
        {
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec?.EncodedFormat);
        }

        AssertNoStorageFolder();
    }

    [Fact]
    public async Task ModelRun_OverInMemoryStorage_ReadsTheStoredImagesAndModel()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(Images).BuildAsync();
        using var client = factory.WithToken(scenario.A.Token);
        var expected = ExpectedLabels(scenario, i => Softmax(TinyModels.BinningLogits(Normalised(i, 0), Classes)));

        // Act
        var id = await client.SubmitModelAcceptedAsync(scenario.Slug, [("bins.onnx", TinyModels.Binning(0, Classes))]);
        var done = await client.WaitForStatusAsync(id, TimeSpan.FromSeconds(60), "scored", "failed");

        // Assert: the run's predictions are those of the stored images, and its probabilities are kept in storage.
        Assert.Equal("scored", done.Status);
        await using var db = await factory.DbAsync();
        var stored = await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id, Ct);
        Assert.Equal(expected, stored.Labels);
        Assert.True(await factory.Storage.ExistsAsync(stored.ProbabilitiesKey!, Ct));
        AssertNoStorageFolder();
    }

    private async Task<int> CountAsync(string prefix)
    {
        var count = 0;
        await foreach (var _ in factory.Storage.ListAsync(prefix, Ct))
        {
            count++;
        }

        return count;
    }

    /// <summary>Nothing made the local storage folder, so nothing reached for a stored file by path.</summary>
    private void AssertNoStorageFolder() => Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "files")));
}
