using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Data.Entities;

namespace Portal.Data.Versions;

/// <summary>
/// Which tracked changes raise which version of their competition: the one rule, applied by
/// <see cref="PortalDbContext"/> to every <c>SaveChanges</c>. Writes that bypass the change tracker
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>) raise versions themselves with <see cref="PortalDbContext.RaiseVersionAsync"/>.
/// </summary>
internal static class CompetitionVersionRule
{
    // What a board is computed from (LeaderboardService): the scored submissions' scores, final flags, teams and times.
    private static readonly string[] BoardSubmissionProperties =
    [
        nameof(Submission.Status), nameof(Submission.PublicScore), nameof(Submission.PrivateScore), nameof(Submission.IsFinal),
        nameof(Submission.TeamId), nameof(Submission.CompetitionId), nameof(Submission.CreatedAtUtc),
    ];

    private static readonly string[] BoardTeamProperties = [nameof(Team.Name), nameof(Team.IsBaseline), nameof(Team.CompetitionId)];

    // What the hidden-set cache computes besides the HiddenSet row: the classes and the split's parameters.
    private static readonly string[] HiddenSetCompetitionProperties =
        [nameof(Competition.ClassNames), nameof(Competition.AxesJson), nameof(Competition.PublicFraction), nameof(Competition.SplitSeed)];

    private static readonly string[] VersionProperties = [nameof(Competition.BoardVersion), nameof(Competition.HiddenSetVersion)];

    /// <summary>
    /// The changes about to be saved that raise a version, as pending raises to resolve once saved (a row added in the
    /// same save learns its competition id only then). Also keeps the version columns out of the save: they move only
    /// by the increment in SQL, so a stale entity written back can never lower one.
    /// </summary>
    public static List<PendingRaise> Collect(ChangeTracker tracker)
    {
        var pending = new List<PendingRaise>();
        foreach (var entry in tracker.Entries())
        {
            var raised = entry.Entity switch
            {
                Submission => SubmissionRaises(entry),
                Team => entry.State == EntityState.Deleted || IsModified(entry, BoardTeamProperties) ? CompetitionVersion.Board : CompetitionVersion.None,
                Competition => CompetitionRaises(entry),
                HiddenSet => entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted ? CompetitionVersion.HiddenSet : CompetitionVersion.None,
                _ => CompetitionVersion.None,
            };
            if (raised != CompetitionVersion.None)
            {
                pending.Add(new PendingRaise(entry.Entity, raised));
            }
        }

        return pending;
    }

    // Only scored submissions are on a board: a change raises the version when the row is scored before or after it.
    private static CompetitionVersion SubmissionRaises(EntityEntry entry)
    {
        var status = entry.Property(nameof(Submission.Status));
        var scored = Equals(status.CurrentValue, SubmissionStatus.Scored) ||
                     (entry.State != EntityState.Added && Equals(status.OriginalValue, SubmissionStatus.Scored));
        var changed = entry.State is EntityState.Added or EntityState.Deleted || IsModified(entry, BoardSubmissionProperties);
        return scored && changed ? CompetitionVersion.Board : CompetitionVersion.None;
    }

    private static CompetitionVersion CompetitionRaises(EntityEntry entry)
    {
        if (entry.State != EntityState.Modified)
        {
            // Added: its versions start at 0, nothing cached yet. Deleted: nothing left to read.
            return CompetitionVersion.None;
        }

        foreach (var name in VersionProperties)
        {
            entry.Property(name).IsModified = false;
        }

        // Any setting may show on a board's page (state, close time, finals limit...): every change raises the board's version.
        var raised = entry.Properties.Any(p => p.IsModified) ? CompetitionVersion.Board : CompetitionVersion.None;
        return IsModified(entry, HiddenSetCompetitionProperties) ? raised | CompetitionVersion.HiddenSet : raised;
    }

    private static bool IsModified(EntityEntry entry, string[] properties) =>
        entry.State == EntityState.Modified && properties.Any(p => entry.Property(p).IsModified);

    /// <summary>A version raise waiting for its row's competition id, known once the save has run.</summary>
    internal sealed record PendingRaise(object Entity, CompetitionVersion Versions)
    {
        public int CompetitionId => Entity switch
        {
            Submission s => s.CompetitionId,
            Team t => t.CompetitionId,
            Competition c => c.Id,
            HiddenSet h => h.CompetitionId,
            _ => throw new InvalidOperationException($"No competition for {Entity.GetType().Name}."),
        };
    }
}
