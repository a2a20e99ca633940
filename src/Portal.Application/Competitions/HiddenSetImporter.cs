using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Inference.Cache;
using Portal.Inference.Preprocessing;
using Portal.Application.Thumbnails;

namespace Portal.Application.Competitions;

/// <summary>
/// Makes a competition's hidden set from <c>info.csv</c> (ImageID,ans) and its images, given as a
/// server folder or an uploaded zip. Everything is checked before anything is stored: the bytes a zip
/// actually unpacks to, and every image by the decode rule model runs use.
/// </summary>
public sealed class HiddenSetImporter(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ITemporaryFiles temporaries,
    ThumbnailService thumbnails,
    CompetitionClock clock,
    IOptions<PortalOptions> options)
{
    private const int MaxProblems = 100;

    // Images stored at once: a remote store answers each write in its own time.
    private const int ConcurrentWrites = 4;

    /// <summary>Imports from a zip holding info.csv and the images (at its root, or in one folder).</summary>
    public async Task<HiddenSetImportResult> ImportZipAsync(int competitionId, Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        using var folder = temporaries.CreateFolder();
        var problem = await ExtractAsync(zip, folder.Path, cancellationToken);
        return problem is not null
            ? HiddenSetImportResult.Failed(problem)
            : await ImportFolderAsync(competitionId, folder.Path, moveFiles: true, cancellationToken);
    }

    /// <summary>
    /// Imports from a folder on the server holding info.csv and the images (beside it or in images/): the images go into
    /// storage under a fresh prefix (<see cref="HiddenImages"/>), moved when <paramref name="moveFiles"/> (the folder is
    /// the caller's scratch) or else copied; the set they replace is deleted once the new one is saved.
    /// </summary>
    public async Task<HiddenSetImportResult> ImportFolderAsync(int competitionId, string folder, bool moveFiles, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            return HiddenSetImportResult.Failed($"There is no folder '{folder}' on the server; give the full path of the folder that holds info.csv.");
        }

        var info = Directory.EnumerateFiles(folder, "info.csv", SearchOption.AllDirectories).OrderBy(p => p.Length).FirstOrDefault();
        if (info is null)
        {
            return HiddenSetImportResult.Failed("No info.csv was found; the hidden set needs info.csv (ImageID,ans) beside its images.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.Include(c => c.HiddenSet).FirstAsync(c => c.Id == competitionId, cancellationToken);
        if (competition.HiddenSet is not null && await db.Submissions.AnyAsync(s => s.CompetitionId == competitionId, cancellationToken))
        {
            return HiddenSetImportResult.Conflict("This competition already has submissions scored on its hidden set; it cannot be replaced.");
        }

        var taxonomy = CompetitionTaxonomy.From(competition);
        var read = TruthCsvReader.Read(info, taxonomy.Count, CsvReadOptions.Default with { MaxListedProblems = MaxProblems });
        if (read.Value is not { } truth)
        {
            // In a zip of images "the file" could be any of them: a problem of info.csv as a whole names it.
            var named = read.Problems.Select(p => p.Line is null ? p with { Message = $"{HiddenSetImportResult.InfoFile}: {p.Message}" } : p).ToList();
            return new HiddenSetImportResult(0, named) { TotalProblems = read.TotalProblems };
        }

        var imageFolder = FindImageFolder(Path.GetDirectoryName(info)!, truth.Images[0]);
        var missing = Enumerable.Range(0, truth.Count).Where(i => !File.Exists(Path.Combine(imageFolder, truth.Images[i]))).ToList();
        if (missing.Count > 0)
        {
            var listed = missing.Take(MaxProblems)
                .Select(i => new SubmissionProblem(ProblemCode.MissingImageFile, i + 2, $"The image '{truth.Images[i]}' is listed but its file is missing.", ImageId: truth.Images[i]))
                .ToList();
            return new HiddenSetImportResult(0, listed) { TotalProblems = missing.Count };
        }

        var unusable = UnusableImages(imageFolder, truth.Images.Ids, cancellationToken);
        if (unusable.Count > 0)
        {
            return new HiddenSetImportResult(0, unusable.Take(MaxProblems).ToList()) { TotalProblems = unusable.Count };
        }

        var imagesKey = HiddenImages.NewPrefix(competitionId);
        await StoreImagesAsync(imagesKey, imageFolder, truth.Images.Ids, moveFiles, cancellationToken);
        var split = PublicPrivateSplit.Create(truth.Images.Ids, truth.Labels, taxonomy.Count, competition.PublicFraction, (ulong)competition.SplitSeed);
        var replaced = competition.HiddenSet?.ImagesKey;
        var hidden = competition.HiddenSet ?? new HiddenSet { CompetitionId = competitionId };
        hidden.ImageCount = truth.Count;
        hidden.ImageIds = Encoding.UTF8.GetBytes(string.Join('\n', truth.Images.Ids));
        hidden.Labels = truth.Labels.ToArray();
        hidden.PublicMask = Enumerable.Range(0, truth.Count).Select(i => split.IsPublic(i) ? (byte)1 : (byte)0).ToArray();
        hidden.ImagesKey = imagesKey;
        hidden.CreatedAtUtc = clock.UtcNow;
        competition.HiddenSet = hidden;
        // Saving the hidden set raises the competition's HiddenSetVersion: every process's cache reads it again.
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await storage.DeletePrefixAsync(imagesKey, CancellationToken.None);
            throw;
        }

        if (!string.IsNullOrEmpty(replaced))
        {
            await storage.DeletePrefixAsync(replaced, CancellationToken.None);
            thumbnails.Forget(replaced);
        }

        return new HiddenSetImportResult(truth.Count, []);
    }

    /// <summary>Stores each image under its key, a few at a time; on failure, none.</summary>
    private async Task StoreImagesAsync(string imagesKey, string imageFolder, IReadOnlyList<string> ids, bool moveFiles, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = ConcurrentWrites };
        try
        {
            await Parallel.ForEachAsync(ids, parallel, async (id, token) =>
            {
                var source = Path.Combine(imageFolder, id);
                var key = HiddenImages.Key(imagesKey, id);
                if (moveFiles)
                {
                    await storage.ImportAsync(key, source, token);
                    return;
                }

                await using var content = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await storage.SaveAsync(key, content, token);
            });
        }
        catch
        {
            // Half a set is no set: nothing names this prefix yet.
            await storage.DeletePrefixAsync(imagesKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Every image that model runs could not use, by the decode rule they use (<see cref="ImageDecoding"/>): over the pixel
    /// cap (read from the header, before any decoding), not an image, cut off or damaged; each named with its info.csv line.
    /// </summary>
    private List<SubmissionProblem> UnusableImages(string imageFolder, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var maxPixels = options.Value.MaxImagePixels;
        var problems = new SubmissionProblem?[ids.Count];
        // A few at a time: each decode may hold up to the pixel cap in memory.
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Min(Environment.ProcessorCount, 4) };
        Parallel.For(0, ids.Count, parallel, i =>
        {
            try
            {
                ImageDecoding.Verify(Path.Combine(imageFolder, ids[i]), maxPixels);
            }
            catch (InvalidDataException e)
            {
                problems[i] = new SubmissionProblem(ProblemCode.UnusableImage, i + 2, e.Message, ImageId: ids[i]);
            }
        });
        return problems.OfType<SubmissionProblem>().ToList();
    }

    private static string FindImageFolder(string infoFolder, string firstId)
    {
        foreach (var candidate in new[] { infoFolder, Path.Combine(infoFolder, "images"), Path.Combine(infoFolder, "eval", "images") })
        {
            if (File.Exists(Path.Combine(candidate, firstId)))
            {
                return candidate;
            }
        }

        return infoFolder;
    }

    private async Task<string?> ExtractAsync(Stream zip, string folder, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return "The upload is not a valid zip file.";
        }

        await using (archive)
        {
            var limit = options.Value.MaxHiddenSetBytes;
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            var entries = archive.Entries.Where(e => !string.IsNullOrEmpty(e.Name)).ToList();

            // What the entries declare only refuses early a zip that says it is too large; the limit itself holds
            // on the bytes actually unpacked (ZipEntryCopier), since a declared size can lie.
            var declared = entries.Sum(e => e.Length);
            if (declared > limit)
            {
                return $"The zip unpacks to more than the limit of {ByteSize.Format(limit)}.";
            }

            var reserve = options.Value.ReservedFreeDiskBytes;
            if (DiskSpace.AvailableBytes(folder) is { } free && declared > free - reserve)
            {
                return $"The zip unpacks to {ByteSize.Format(declared)}, and the server's disk has {ByteSize.Format(Math.Max(0, free - reserve))} to spare "
                    + $"(it keeps {ByteSize.Format(reserve)} free). Free some space (Admin, Disk use) or import from a folder on the server.";
            }

            long total = 0;
            foreach (var entry in entries)
            {
                var path = Path.GetFullPath(Path.Combine(folder, entry.FullName));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                {
                    return $"The zip entry '{entry.FullName}' points outside the archive.";
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                try
                {
                    total += await ZipEntryCopier.CopyAsync(entry, path, limit - total, limit, cancellationToken);
                }
                catch (InvalidDataException e)
                {
                    return e.Message;
                }
            }
        }

        return null;
    }
}
