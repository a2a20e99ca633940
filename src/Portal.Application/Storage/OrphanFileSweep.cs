using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;

namespace Portal.Application.Storage;

/// <summary>
/// Deletes, at start, the files a killed process left behind: this machine's scratch files (<see cref="ITemporaryFiles"/>),
/// stored submission files no submission row names (<c>FileKey</c>), kept predictions of submissions that do not
/// exist, and hidden-set images under a prefix no hidden set names (an import killed before it saved its row, or a
/// competition deleted before its files were). A file a row or an unfinished job names is never touched, nor one younger than
/// <see cref="PortalOptions.OrphanFileAge"/>: another instance may be writing it, or be about to save the row that names it.
/// </summary>
public sealed partial class OrphanFileSweep(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ITemporaryFiles temporaries,
    TimeProvider clock,
    IOptions<PortalOptions> options,
    ILogger<OrphanFileSweep> logger)
{
    private const string Submissions = "submissions";
    private const string Predictions = "predictions";
    private const string Hidden = "hidden";

    /// <summary>Sweeps once; returns how many files it deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        // Read the names first: a file stored after this read is younger than the age limit, so it is safe either way.
        var referenced = await ReferencedKeysAsync(cancellationToken);
        var submissionIds = await SubmissionIdsAsync(cancellationToken);
        var before = clock.GetUtcNow().UtcDateTime - options.Value.OrphanFileAge;
        var orphans = new List<string>();
        await foreach (var file in storage.ListAsync(Submissions, cancellationToken))
        {
            if (file.LastWriteUtc < before && !referenced.Contains(file.Key))
            {
                orphans.Add(file.Key);
            }
        }

        await foreach (var file in storage.ListAsync(Predictions, cancellationToken))
        {
            if (file.LastWriteUtc < before && !referenced.Contains(file.Key) && !(RunOwnerOf(file.Key) is { } owner && submissionIds.Contains(owner)))
            {
                orphans.Add(file.Key);
            }
        }

        var deleted = temporaries.DeleteOlderThan(before);
        foreach (var key in orphans)
        {
            deleted += await DeleteAsync(key, cancellationToken) ? 1 : 0;
        }

        foreach (var prefix in await OrphanImagePrefixesAsync(before, cancellationToken))
        {
            deleted += await storage.DeletePrefixAsync(prefix, cancellationToken);
        }

        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }

        return deleted;
    }

    /// <summary>Every key a submission row names, and every key named in the payload of a job still to run.</summary>
    private async Task<HashSet<string>> ReferencedKeysAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in db.Submissions.AsNoTracking().Select(s => new { s.FileKey, s.ProbabilitiesKey }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            AddKey(keys, row.FileKey);
            AddKey(keys, row.ProbabilitiesKey);
        }

        var payloads = db.Jobs.AsNoTracking()
            .Where(j => (j.State == JobState.Queued || j.State == JobState.Running) && j.Payload != null)
            .Select(j => j.Payload!)
            .AsAsyncEnumerable();
        await foreach (var payload in payloads.WithCancellation(cancellationToken))
        {
            AddPayloadKeys(keys, payload);
        }

        return keys;
    }

    /// <summary>
    /// Image prefixes (<c>hidden/{competition}/{import}</c>, <see cref="Competitions.HiddenImages.NewPrefix"/>) that no
    /// hidden set names and that nothing was written to since <paramref name="before"/>: an import in progress keeps
    /// writing to its prefix until it saves the row that names it.
    /// </summary>
    private async Task<List<string>> OrphanImagePrefixesAsync(DateTime before, CancellationToken cancellationToken)
    {
        HashSet<string> named;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            named = (await db.HiddenSets.AsNoTracking().Select(h => h.ImagesKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        }

        var newest = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await foreach (var file in storage.ListAsync(Hidden, cancellationToken))
        {
            // Any folder above the file that a hidden set names keeps it, whatever layout an older version stored.
            var parts = file.Key.Split('/');
            var isNamed = Enumerable.Range(1, parts.Length - 1).Any(n => named.Contains(string.Join('/', parts[..n])));
            var prefix = parts.Length >= 4 ? string.Join('/', parts[..3]) : null;
            if (!isNamed && prefix is not null)
            {
                newest[prefix] = newest.TryGetValue(prefix, out var last) && last > file.LastWriteUtc ? last : file.LastWriteUtc;
            }
            else if (prefix is not null)
            {
                newest[prefix] = DateTime.MaxValue;
            }
        }

        return newest.Where(p => p.Value < before).Select(p => p.Key).ToList();
    }

    private async Task<HashSet<int>> SubmissionIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await db.Submissions.AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>
    /// Whatever the job kind, a string in its payload that looks like a stored key names a file it will read (a model run's
    /// members, say), so it is kept without this class knowing each payload's shape.
    /// </summary>
    private static void AddPayloadKeys(HashSet<string> keys, string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            Walk(document.RootElement);
        }
        catch (JsonException)
        {
            // Not JSON: it names no file.
        }

        void Walk(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    AddKey(keys, element.GetString());
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Walk(property.Value);
                    }

                    break;
            }
        }
    }

    private static void AddKey(HashSet<string> keys, string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            keys.Add(key.Replace('\\', '/'));
        }
    }

    /// <summary>
    /// The model submission whose run kept a predictions key: <c>predictions/{competition}/{submission}/...</c> (per view
    /// and per member); null for any other shape. A submission's own blob (<c>predictions/{competition}/{name}.f32</c>)
    /// is named by its row's <c>ProbabilitiesKey</c> instead, and is an orphan when no row names it.
    /// </summary>
    private static int? RunOwnerOf(string key)
    {
        var parts = key.Split('/');
        return parts.Length >= 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await storage.DeleteAsync(key, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Taken or removed by someone else meanwhile: the next start tries again.
            LogNotDeleted(logger, key, e.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} files left behind by a stopped process (temporary files, orphan submission files, predictions and hidden-set images)")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the left-behind file {Key}: {Reason}")]
    private static partial void LogNotDeleted(ILogger logger, string key, string reason);
}
