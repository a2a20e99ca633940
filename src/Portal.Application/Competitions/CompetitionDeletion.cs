using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Storage;
using Portal.Application.Events;
using Portal.Application.Leaderboards;
using Portal.Application.Thumbnails;

namespace Portal.Application.Competitions;

/// <summary>
/// Deletes a competition with everything it owns: its rows (teams, members, quotas, hidden set, submissions, model
/// runs, jobs) in one transaction, then its stored files (hidden-set images, uploaded submissions, kept predictions)
/// and this machine's thumbnails of it. A crash between the two leaves only files no row names, which
/// <see cref="Storage.OrphanFileSweep"/> deletes at the next start; decoded-image caches of its images are no longer
/// used and go first when the cache needs room (or from the Admin disk panel).
/// </summary>
public sealed class CompetitionDeletion(
    IDbContextFactory<PortalDbContext> dbFactory,
    IFileStorage storage,
    ThumbnailService thumbnails,
    IPortalEvents events)
{
    /// <summary>The storage prefixes that hold a competition's files: <c>{root}/{competitionId}</c> for each root.</summary>
    public static IReadOnlyList<string> StorageRoots { get; } = ["hidden", "submissions", "predictions"];

    /// <summary>The storage prefix of competition <paramref name="competitionId"/>'s files under <paramref name="root"/>.</summary>
    public static string Prefix(string root, int competitionId) => string.Create(CultureInfo.InvariantCulture, $"{root}/{competitionId}");

    /// <summary>
    /// Deletes competition <paramref name="competitionId"/>; null when done, or why not (no such competition; a model
    /// run of it is in progress, which must finish or fail first, since its process holds its files).
    /// </summary>
    public async Task<string?> DeleteAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        string? imagesKey;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // One transaction: a crash deletes all of the rows or none; a job claimed meanwhile makes the check below see it.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var competition = await db.Competitions.Include(c => c.HiddenSet).FirstOrDefaultAsync(c => c.Id == competitionId, cancellationToken);
            if (competition is null)
            {
                return "There is no such competition; it may have been deleted already.";
            }

            var running = await db.Jobs.CountAsync(j => j.CompetitionId == competitionId && j.State == JobState.Running, cancellationToken);
            if (running > 0)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{running} job(s) of this competition are running (see Background jobs); delete it once they have finished.");
            }

            imagesKey = competition.HiddenSet?.ImagesKey;
            await db.Jobs.Where(j => j.CompetitionId == competitionId).ExecuteDeleteAsync(cancellationToken);
            // Submissions first: their key to the competition does not cascade (teams' does, and model runs follow their submission).
            await db.Submissions.Where(s => s.CompetitionId == competitionId).ExecuteDeleteAsync(cancellationToken);
            db.Competitions.Remove(competition);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var root in StorageRoots)
        {
            await storage.DeletePrefixAsync(Prefix(root, competitionId), cancellationToken);
        }

        if (!string.IsNullOrEmpty(imagesKey))
        {
            thumbnails.Forget(imagesKey);
        }

        // Open pages of it reload and find it gone.
        events.Publish(new BoardChanged(competitionId));
        return null;
    }
}
