using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Web.Hosting;

namespace Portal.Web.Features.Competitions;

/// <summary>
/// Makes a competition's hidden set from <c>info.csv</c> (ImageID,ans) and its images, given as a
/// server folder or an uploaded zip. Everything is checked before anything is stored.
/// </summary>
public sealed class HiddenSetImporter(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    HiddenSetCache cache,
    CompetitionClock clock,
    IOptions<PortalOptions> options)
{
    private const int MaxProblems = 100;

    /// <summary>Imports from a zip holding info.csv and the images (at its root, or in one folder).</summary>
    public async Task<HiddenSetImportResult> ImportZipAsync(int competitionId, Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var folder = Path.Combine(storage.LocalPath("uploads"), Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var problem = await ExtractAsync(zip, folder, cancellationToken);
            return problem is not null
                ? HiddenSetImportResult.Failed(problem)
                : await ImportFolderAsync(competitionId, folder, moveFiles: true, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Imports from a folder on the server holding info.csv and the images (beside it or in images/).</summary>
    public async Task<HiddenSetImportResult> ImportFolderAsync(int competitionId, string folder, bool moveFiles, CancellationToken cancellationToken = default)
    {
        var info = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "info.csv", SearchOption.AllDirectories).OrderBy(p => p.Length).FirstOrDefault()
            : null;
        if (info is null)
        {
            return HiddenSetImportResult.Failed("No info.csv was found; the hidden set needs info.csv (ImageID,ans) beside its images.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.Include(c => c.HiddenSet).FirstAsync(c => c.Id == competitionId, cancellationToken);
        if (competition.HiddenSet is not null && await db.Submissions.AnyAsync(s => s.CompetitionId == competitionId, cancellationToken))
        {
            return HiddenSetImportResult.Failed("This competition already has submissions scored on its hidden set; it cannot be replaced.");
        }

        var taxonomy = CompetitionTaxonomy.From(competition);
        var read = TruthCsvReader.Read(info, taxonomy.Count, CsvReadOptions.Default with { MaxListedProblems = MaxProblems });
        if (read.Value is not { } truth)
        {
            return new HiddenSetImportResult(0, read.Problems.Select(p => $"info.csv {p}").ToList());
        }

        var imageFolder = FindImageFolder(Path.GetDirectoryName(info)!, truth.Images[0]);
        var missing = Enumerable.Range(0, truth.Count)
            .Where(i => !File.Exists(Path.Combine(imageFolder, truth.Images[i])))
            .Take(MaxProblems)
            .Select(i => $"info.csv line {i + 2}: image '{truth.Images[i]}' is listed but its file is missing.")
            .ToList();
        if (missing.Count > 0)
        {
            return new HiddenSetImportResult(0, missing);
        }

        var imagesKey = $"hidden/{competitionId}/images";
        var target = storage.LocalPath(imagesKey);
        Directory.CreateDirectory(target);
        foreach (var id in truth.Images.Ids)
        {
            var source = Path.Combine(imageFolder, id);
            var destination = Path.Combine(target, id);
            if (moveFiles)
            {
                File.Move(source, destination, overwrite: true);
            }
            else
            {
                File.Copy(source, destination, overwrite: true);
            }
        }

        var split = PublicPrivateSplit.Create(truth.Images.Ids, truth.Labels, taxonomy.Count, competition.PublicFraction, (ulong)competition.SplitSeed);
        var hidden = competition.HiddenSet ?? new HiddenSet { CompetitionId = competitionId };
        hidden.ImageCount = truth.Count;
        hidden.ImageIds = Encoding.UTF8.GetBytes(string.Join('\n', truth.Images.Ids));
        hidden.Labels = truth.Labels.ToArray();
        hidden.PublicMask = Enumerable.Range(0, truth.Count).Select(i => split.IsPublic(i) ? (byte)1 : (byte)0).ToArray();
        hidden.ImagesKey = imagesKey;
        hidden.CreatedAtUtc = clock.UtcNow;
        competition.HiddenSet = hidden;
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate(competitionId);
        // Thumbnails of the old set would show the wrong pictures under reused ids.
        var thumbnails = storage.LocalPath(Thumbnails.ThumbnailService.CompetitionCacheKey(competitionId));
        if (Directory.Exists(thumbnails))
        {
            Directory.Delete(thumbnails, recursive: true);
        }
        return new HiddenSetImportResult(truth.Count, []);
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
            long total = 0;
            var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
            foreach (var entry in archive.Entries)
            {
                if (string.IsNullOrEmpty(entry.Name))
                {
                    continue;
                }

                total += entry.Length;
                if (total > options.Value.MaxHiddenSetBytes)
                {
                    return $"The zip unpacks to more than the limit of {ByteSize.Format(options.Value.MaxHiddenSetBytes)}.";
                }

                var path = Path.GetFullPath(Path.Combine(folder, entry.FullName));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                {
                    return $"The zip entry '{entry.FullName}' points outside the archive.";
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
            }
        }

        return null;
    }
}
