using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Storage;
using Portal.Application.Competitions;
using Portal.Application.Models;
using Portal.Application.Storage;
using Portal.Inference.Cache;

namespace Portal.Application.Admin;

/// <summary>
/// The host's view of disk use (stored files per competition, this machine's caches and scratch files, free space) and
/// its cleanups: decoded-image caches no run has open, thumbnails, and files left behind by stopped processes.
/// Caches and scratch files are this machine's: another web instance or worker has its own.
/// </summary>
public sealed partial class DiskUsageService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ITemporaryFiles temporaries,
    LocalCacheFolders caches,
    OrphanFileSweep sweep,
    IOptions<PortalOptions> options,
    IOptions<InferenceOptions> inference,
    ILogger<DiskUsageService> logger)
{
    /// <summary>Measures disk use now (one listing of stored files; a few seconds for hundreds of thousands of files).</summary>
    public async Task<DiskUsageReport> MeasureAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<int, string> slugs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            slugs = await db.Competitions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, cancellationToken);
        }

        var sizes = new Dictionary<int, long[]>();
        foreach (var root in CompetitionDeletion.StorageRoots)
        {
            await foreach (var file in storage.ListAsync(root, cancellationToken))
            {
                var parts = file.Key.Split('/');
                if (parts.Length < 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    continue;
                }

                if (!sizes.TryGetValue(id, out var kinds))
                {
                    sizes[id] = kinds = new long[4];
                }

                kinds[KindOf(root, parts.Length)] += file.Length;
            }
        }

        var competitions = slugs.Keys.Union(sizes.Keys)
            .Select(id => sizes.TryGetValue(id, out var k)
                ? new CompetitionDiskUse(id, slugs.GetValueOrDefault(id), k[0], k[1], k[2], k[3])
                : new CompetitionDiskUse(id, slugs[id], 0, 0, 0, 0))
            .OrderByDescending(c => c.TotalBytes).ThenBy(c => c.CompetitionId)
            .ToList();
        var decoded = DecodedImages();
        return new DiskUsageReport(competitions, decoded.Entries(), decoded.MaxBytes, FolderBytes(caches.Thumbnails), FolderBytes(temporaries.Folder),
        [
            new DiskFree("Stored files", options.Value.FilesPath, DiskSpace.AvailableBytes(options.Value.FilesPath)),
            new DiskFree("Caches", caches.Root, DiskSpace.AvailableBytes(caches.Root)),
            new DiskFree("Scratch", temporaries.Folder, DiskSpace.AvailableBytes(temporaries.Folder)),
        ]);
    }

    /// <summary>Deletes the decoded-image caches that no run has open; the bytes freed. Runs decode again what they need.</summary>
    public long DeleteUnusedDecodedCaches()
    {
        var freed = DecodedImages().DeleteUnused();
        LogCleaned(logger, "decoded-image caches", freed);
        return freed;
    }

    /// <summary>Deletes this machine's thumbnails; the bytes freed. Pages make them again when they show them.</summary>
    public long DeleteThumbnails()
    {
        var folder = new DirectoryInfo(caches.Thumbnails);
        long freed = 0;
        if (folder.Exists)
        {
            foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                try
                {
                    var length = file.Length;
                    file.Delete();
                    freed += length;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Being written by a page this instant: it stays, which costs nothing.
                }
            }
        }

        LogCleaned(logger, "thumbnails", freed);
        return freed;
    }

    /// <summary>Deletes what stopped processes left behind (the start-up sweep, <see cref="OrphanFileSweep"/>); how many files.</summary>
    public Task<int> DeleteLeftBehindAsync(CancellationToken cancellationToken = default) => sweep.SweepAsync(cancellationToken);

    private DecodedImageCache DecodedImages() => inference.Value.DecodedImageCache(caches.DecodedImages);

    /// <summary>
    /// Which of <see cref="CompetitionDiskUse"/>'s four sizes a file counts in: images, CSVs, models, predictions. An
    /// upload's CSV lies at <c>submissions/{id}/{team}/{name}.csv</c>, a model upload in a folder of its own one deeper.
    /// </summary>
    private static int KindOf(string root, int depth) => root switch
    {
        "hidden" => 0,
        "submissions" => depth > 4 ? 2 : 1,
        _ => 3,
    };

    private static long FolderBytes(string folder)
    {
        try
        {
            return Directory.Exists(folder)
                ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
                : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A host deleted {What}: {Bytes} bytes freed")]
    private static partial void LogCleaned(ILogger logger, string what, long bytes);
}
