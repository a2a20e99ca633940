using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.E2ETests.PageObjects;
using Portal.E2ETests.Support;
using SkiaSharp;

namespace Portal.E2ETests;

/// <summary>
/// A host puts a hidden set in from the browser: the zip goes over plain HTTP (not the circuit) with a visible progress
/// line (percent, MB/s, time left) and the import's result after. The upload is slowed to 1 MB/s (Chrome's network
/// emulation) so that the progress is on screen long enough to read.
/// </summary>
[Collection(nameof(BrowserSuite))]
public sealed class HiddenSetUploadJourneyTests(PortalServer server) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task HiddenSetZip_UploadedFromTheAdminPage_ShowsProgressThenTheImageCount()
    {
        // Arrange
        var slug = "upload-" + Guid.NewGuid().ToString("N")[..8];
        var (id, error) = await server.Factory.Services.GetRequiredService<CompetitionService>().CreateAsync(new CompetitionSettings { Slug = slug, Title = "Upload journey" }, TestContext.Current.CancellationToken);
        Assert.Null(error);
        var zip = WriteHiddenSetZip(images: 30, paddingBytes: 3_000_000);
        await using var host = await server.NewSessionAsync();
        try
        {
            await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
            var admin = new AdminCompetitionPage(host.Page, slug);
            await admin.OpenAsync();
            var cdp = await host.Context.NewCDPSessionAsync(host.Page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 1_000_000,
            });

            // Act
            await admin.ChooseHiddenSetAsync(zip);
            var progress = await admin.ProgressAsync();
            await host.ScreenshotAsync("hidden-set-upload-progress");
            var message = await admin.MessageAsync();
            await host.ScreenshotAsync("hidden-set-uploaded");

            // Assert
            Assert.Matches(@"^\d+% · .+ of .+ · \d+\.\d MB/s", progress);
            Assert.Equal("Imported 30 images.", message.Trim());
            var hidden = await server.Factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(id!.Value);
            Assert.Equal(30, hidden!.Truth.Count);
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("hidden-set-upload-failure");
            throw;
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public async Task HiddenSetZip_ClassNameForALabel_ListsTheProblemWithItsInfoCsvLineAndColumnAndImportsNothing()
    {
        // Arrange: info.csv's line 3 has a class name for a label.
        var slug = "refused-" + Guid.NewGuid().ToString("N")[..8];
        var (id, error) = await server.Factory.Services.GetRequiredService<CompetitionService>().CreateAsync(new CompetitionSettings { Slug = slug, Title = "Refused upload" }, TestContext.Current.CancellationToken);
        Assert.Null(error);
        var zip = WriteHiddenSetZip(images: 3, paddingBytes: 0, info: "ImageID,ans\nimg000.png,0\nimg001.png,mask\nimg002.png,2\n");
        await using var host = await server.NewSessionAsync();
        try
        {
            await new AccountPages(host.Page).SignInAsync(PortalServer.HostEmail, PortalServer.HostPassword);
            var admin = new AdminCompetitionPage(host.Page, slug);
            await admin.OpenAsync();

            // Act
            await admin.ChooseHiddenSetAsync(zip);
            var message = await admin.MessageAsync();
            var problems = await admin.ImportProblemsAsync();

            // Assert
            Assert.Contains("not imported", message, StringComparison.Ordinal);
            var listed = string.Join("\n", problems);
            Assert.Contains("info.csv line 3, column ans: 'mask'", listed, StringComparison.Ordinal);
            Assert.Null(await server.Factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(id!.Value));
            host.AssertNoJavaScriptErrors();
        }
        catch
        {
            await host.ScreenshotAsync("hidden-set-refused-failure");
            throw;
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>
    /// info.csv (<paramref name="info"/>, or one row per image), tiny PNGs and an incompressible padding file (ignored by
    /// the import) to make the upload take a while.
    /// </summary>
    private static string WriteHiddenSetZip(int images, int paddingBytes, string? info = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"portal-e2e-hidden-{Guid.NewGuid():N}.zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        var rows = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < images; i++)
        {
            var name = $"img{i:D3}.png";
            rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"{name},{i % 18}\n");
            using var bitmap = new SKBitmap(8, 6);
            bitmap.Erase(new SKColor((byte)(i * 8), (byte)(i * 3), 90));
            using var image = SKImage.FromBitmap(bitmap);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            using var entry = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
            data.SaveTo(entry);
        }

        using (var writer = new StreamWriter(archive.CreateEntry("info.csv").Open()))
        {
            writer.Write(info ?? rows.ToString());
        }

        if (paddingBytes == 0)
        {
            return path;
        }

        var padding = new byte[paddingBytes];
        new Random(7).NextBytes(padding);
        using (var entry = archive.CreateEntry("padding.bin", CompressionLevel.NoCompression).Open())
        {
            entry.Write(padding);
        }

        return path;
    }
}
