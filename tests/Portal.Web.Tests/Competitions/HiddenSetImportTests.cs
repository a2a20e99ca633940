using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Application;
using Portal.Inference.Tests.Preprocessing;
using Portal.Application.Competitions;
using Portal.Application.Thumbnails;
using Portal.Data.Storage;
using Portal.Web.Tests.Support;
using SkiaSharp;

namespace Portal.Web.Tests.Competitions;

/// <summary>
/// The hidden-set import refuses, by name and before storing anything, what model runs could not use (a JPEG cut
/// off mid-copy, an image over the pixel cap) and a zip whose entries unpack to more than they declare; a set that
/// replaces another takes new keys, and the old images and their thumbnails go.
/// </summary>
[AlsoOnPostgres]
public sealed class HiddenSetImportTests(SmallHiddenSetFactory factory) : IClassFixture<SmallHiddenSetFactory>, IDisposable
{
    private const string CutOff = "54ee9fd0b5ba2dfdb16660052c1ef611b6a1b338.jpg";
    private readonly string _folder = PortalFactory.NewDataDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HiddenSetImporter Importer => factory.Services.GetRequiredService<HiddenSetImporter>();

    public void Dispose() => PortalFactory.DeleteDataDirectory(_folder);

    [Fact]
    public async Task ImportFolder_CutOffJpegOfCase16_IsRefusedByNameAndNothingIsStored()
    {
        // Arrange: case 16's images and ids (ImageID,ans) as the hidden set.
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cases", "16-truncated-jpeg");
        File.Copy(Path.Combine(source, "ids.csv"), Path.Combine(_folder, "info.csv"));
        foreach (var image in Directory.EnumerateFiles(Path.Combine(source, "images")))
        {
            File.Copy(image, Path.Combine(_folder, Path.GetFileName(image)));
        }

        var competitionId = await NewCompetitionAsync();

        // Act
        var result = await Importer.ImportFolderAsync(competitionId, _folder, moveFiles: false, Ct);

        // Assert
        var problem = Assert.Single(result.Sentences);
        Assert.Equal($"info.csv line 4: '{CutOff}' is cut off: its data ends before the image is complete (an interrupted copy or download?); copy the file again.", problem);
        await AssertNothingStoredAsync(competitionId);
    }

    [Fact]
    public async Task ImportFolder_PngWhoseHeaderClaims20000Square_IsRefusedByNameAndSize()
    {
        // Arrange: a few hundred bytes that would decode to 1.6 GB.
        File.WriteAllText(Path.Combine(_folder, "info.csv"), "ImageID,ans\nsmall.png,1\nhuge.png,2\n");
        File.WriteAllBytes(Path.Combine(_folder, "small.png"), TestImages.Png(6, 8, (x, y) => ((byte)x, (byte)y, 9)));
        File.WriteAllBytes(Path.Combine(_folder, "huge.png"), TestImages.PngClaiming(20_000, 20_000));
        var competitionId = await NewCompetitionAsync();

        // Act
        var result = await Importer.ImportFolderAsync(competitionId, _folder, moveFiles: false, Ct);

        // Assert
        var problem = Assert.Single(result.Sentences);
        Assert.Equal("info.csv line 3: 'huge.png' is 20,000 x 20,000 pixels (400 megapixels), more than the limit of 40 megapixels per image; scale it down.", problem);
        await AssertNothingStoredAsync(competitionId);
    }

    [Fact]
    public async Task ImportZip_StoredEntryLongerThanItDeclares_IsRefusedNamingItAtTheLimit()
    {
        // Arrange: an entry that declares 100 bytes and holds more than the whole limit.
        var zip = Zip(("info.csv", Encoding.UTF8.GetBytes("ImageID,ans\na.png,1\n")), ("a.png", new byte[SmallHiddenSetFactory.MaxHiddenSetBytes + 4096]));
        DeclareSize(zip, "a.png", 100);
        var competitionId = await NewCompetitionAsync();

        // Act
        var result = await Importer.ImportZipAsync(competitionId, new MemoryStream(zip), Ct);

        // Assert
        var problem = Assert.Single(result.Sentences);
        Assert.Equal("The zip unpacks to more than the limit of 256 KiB: the entry 'a.png' goes past it although it declares 100 bytes.", problem);
        await AssertNothingStoredAsync(competitionId);
    }

    [Fact]
    public async Task ImportZip_DeflatedEntryLongerThanItDeclares_IsRefusedAsDamagedNamingIt()
    {
        // Arrange: info.csv deflated, declaring 20 bytes of its 1,000-odd: unpacked as declared it would silently lose rows.
        var rows = string.Concat(Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"img{i}.png,{i % 18}\n")));
        var zip = Zip(("info.csv", Encoding.UTF8.GetBytes("ImageID,ans\n" + rows)));
        DeclareSize(zip, "info.csv", 20);
        var competitionId = await NewCompetitionAsync();

        // Act
        var result = await Importer.ImportZipAsync(competitionId, new MemoryStream(zip), Ct);

        // Assert
        var problem = Assert.Single(result.Sentences);
        Assert.StartsWith("The zip entry 'info.csv' is damaged: what it unpacks to does not match its checksum", problem, StringComparison.Ordinal);
        await AssertNothingStoredAsync(competitionId);
    }

    [Fact]
    public async Task ImportZip_HonestZip_IsImported()
    {
        // Arrange
        var png = TestImages.Png(6, 8, (x, y) => ((byte)x, (byte)y, 9));
        var zip = Zip(("set/info.csv", Encoding.UTF8.GetBytes("ImageID,ans\na.png,1\nb.png,2\n")), ("set/images/a.png", png), ("set/images/b.png", png));
        var competitionId = await NewCompetitionAsync();

        // Act
        var result = await Importer.ImportZipAsync(competitionId, new MemoryStream(zip), Ct);

        // Assert
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Sentences));
        Assert.Equal(2, result.ImageCount);
    }

    [Fact]
    public async Task ImportZip_MoreThanTheDiskHoldsWithItsReserve_IsRefusedBeforeUnpackingAndNothingIsStored()
    {
        // Arrange: an honest zip, and a server that must keep more free than any disk has.
        var png = TestImages.Png(6, 8, (x, y) => ((byte)x, (byte)y, 9));
        var zip = Zip(("info.csv", Encoding.UTF8.GetBytes("ImageID,ans\na.png,1\n")), ("a.png", png));
        var competitionId = await NewCompetitionAsync();
        var options = factory.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        var importer = ActivatorUtilities.CreateInstance<HiddenSetImporter>(factory.Services, Options.Create(new PortalOptions
        {
            DataDirectory = options.DataDirectory,
            MaxHiddenSetBytes = options.MaxHiddenSetBytes,
            ReservedFreeDiskBytes = 1L << 60,
        }));
        var scratch = Directory.GetFileSystemEntries(factory.Services.GetRequiredService<ITemporaryFiles>().Folder).Length;

        // Act
        var result = await importer.ImportZipAsync(competitionId, new MemoryStream(zip), Ct);

        // Assert
        var problem = Assert.Single(result.Sentences);
        Assert.StartsWith("The zip unpacks to ", problem, StringComparison.Ordinal);
        Assert.Contains("the server's disk has 0 bytes to spare", problem, StringComparison.Ordinal);
        Assert.Equal(scratch, Directory.GetFileSystemEntries(factory.Services.GetRequiredService<ITemporaryFiles>().Folder).Length);
        await AssertNothingStoredAsync(competitionId);
    }

    [Fact]
    public async Task ImportFolder_ReplacingASet_StoresItUnderANewPrefixAndForgetsTheOldImagesAndThumbnails()
    {
        // Arrange: a set of one red image, imported (copied), with its thumbnail made.
        File.WriteAllText(Path.Combine(_folder, "info.csv"), "ImageID,ans\na.png,1\n");
        File.WriteAllBytes(Path.Combine(_folder, "a.png"), TestImages.Png(6, 8, (_, _) => (250, 0, 0)));
        var competitionId = await NewCompetitionAsync();
        Assert.True((await Importer.ImportFolderAsync(competitionId, _folder, moveFiles: false, Ct)).Succeeded);
        var thumbnails = factory.Services.GetRequiredService<ThumbnailService>();
        var storage = factory.Services.GetRequiredService<IFileStorage>();
        var old = (await factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(competitionId))!.ImagesKey;
        await using (var first = await thumbnails.OpenAsync(competitionId, "a.png", cancellationToken: Ct))
        {
            Assert.InRange(CentreColour(first!).Red, (byte)200, (byte)255);
        }

        // Act: the same id, now a blue picture.
        File.WriteAllBytes(Path.Combine(_folder, "a.png"), TestImages.Png(6, 8, (_, _) => (0, 0, 250)));
        var result = await Importer.ImportFolderAsync(competitionId, _folder, moveFiles: false, Ct);
        var replaced = (await factory.Services.GetRequiredService<HiddenSetCache>().GetAsync(competitionId))!.ImagesKey;
        SKColor colour;
        await using (var second = await thumbnails.OpenAsync(competitionId, "a.png", cancellationToken: Ct))
        {
            colour = CentreColour(second!);
        }

        // Assert
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Sentences));
        Assert.NotEqual(old, replaced);
        Assert.Equal([HiddenImages.Key(replaced, "a.png")], await KeysAsync(storage, replaced));
        Assert.Empty(await KeysAsync(storage, old));
        Assert.False(File.Exists(thumbnails.CachePath(old, ThumbnailService.DefaultSize, "a.png")));
        Assert.InRange(colour.Blue, (byte)200, (byte)255);
        Assert.InRange(colour.Red, (byte)0, (byte)50);
        Assert.True(File.Exists(Path.Combine(_folder, "a.png")), "A copied folder is left as it was.");
    }

    private async Task<int> NewCompetitionAsync()
    {
        var slug = "import-" + Guid.NewGuid().ToString("N")[..12];
        var (id, error) = await factory.Services.GetRequiredService<CompetitionService>().CreateAsync(new CompetitionSettings
        {
            Slug = slug,
            Title = "Import " + slug,
            Description = "A competition made by the import tests.",
            MaskAxes = true,
            PublicFraction = 0.5,
            SplitSeed = 7,
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(30),
            TimeZone = "UTC",
            DailySubmissionLimit = 5,
            FinalSelectionLimit = 2,
        });
        Assert.Null(error);
        return id!.Value;
    }

    private async Task AssertNothingStoredAsync(int competitionId)
    {
        await using var db = await factory.DbAsync();
        var competition = await db.Competitions.Include(c => c.HiddenSet).SingleAsync(c => c.Id == competitionId, Ct);
        Assert.Null(competition.HiddenSet);
    }

    private static async Task<List<string>> KeysAsync(IFileStorage storage, string prefix)
    {
        var keys = new List<string>();
        await foreach (var file in storage.ListAsync(prefix, Ct))
        {
            keys.Add(file.Key);
        }

        return keys;
    }

    private static SKColor CentreColour(Stream jpeg)
    {
        using var buffer = new MemoryStream();
        jpeg.CopyTo(buffer);
        using var bitmap = SKBitmap.Decode(buffer.ToArray());
        return bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2);
    }

    /// <summary>A zip of <paramref name="entries"/>: deflated, except entries named *.png, which are stored.</summary>
    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var level = name.EndsWith(".png", StringComparison.Ordinal) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Makes the local and central headers of entry <paramref name="name"/> declare <paramref name="size"/> unpacked bytes.</summary>
    private static void DeclareSize(byte[] zip, string name, uint size)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var patched = 0;
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes)
                && BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26)) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
                patched++;
            }
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes)
                && BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28)) == nameBytes.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
    }
}
