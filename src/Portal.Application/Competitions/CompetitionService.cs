using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Competitions;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Data.Versions;
using Portal.Application.Access;
using Portal.Application.Text;
using Portal.Application.Jobs;
using Portal.Application.Events;
using Portal.Application.Leaderboards;

namespace Portal.Application.Competitions;

/// <summary>Competitions: listing, reading, creating, and the host's controls (open, close, reopen, rescore).</summary>
public sealed class CompetitionService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CompetitionClock clock,
    JobStore jobs,
    IPortalEvents events)
{
    /// <summary>Competitions the viewer may see: hosts see drafts too.</summary>
    public Task<IReadOnlyList<CompetitionSummary>> ListAsync(Viewer viewer, CancellationToken cancellationToken = default) =>
        SummariesAsync(viewer, null, cancellationToken);

    /// <summary>The summary of the competition with <paramref name="slug"/>, or null when it does not exist or the viewer may not see it.</summary>
    public async Task<CompetitionSummary?> SummaryAsync(string slug, Viewer viewer, CancellationToken cancellationToken = default)
    {
        var found = await SummariesAsync(viewer, slug, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private async Task<IReadOnlyList<CompetitionSummary>> SummariesAsync(Viewer viewer, string? slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seesDrafts = VisibilityPolicy.SeesCompetition(viewer, CompetitionState.Draft);
        return await db.Competitions.AsNoTracking()
            .Where(c => (seesDrafts || c.State != CompetitionState.Draft) && (slug == null || c.Slug == slug))
            .OrderByDescending(c => c.StartsAtUtc)
            .Select(c => new CompetitionSummary(c.Slug, c.Title, c.State, c.StartsAtUtc, c.EndsAtUtc,
                c.Teams.Count(t => !t.IsBaseline), c.HiddenSet == null ? 0 : c.HiddenSet.ImageCount, c.ClassNames.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The competition with <paramref name="slug"/>, or null when it does not exist or the viewer may not see it.</summary>
    public async Task<Competition?> FindAsync(string slug, Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        return competition is null || !VisibilityPolicy.SeesCompetition(viewer, competition.State) ? null : competition;
    }

    /// <summary>Creates a draft competition; returns its id, or the reason it cannot be created.</summary>
    public async Task<(int? Id, string? Error)> CreateAsync(CompetitionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Competitions.AnyAsync(c => c.Slug == settings.Slug, cancellationToken))
        {
            return (null, $"A competition with the address '{settings.Slug}' already exists.");
        }

        var competition = new Competition { CreatedAtUtc = clock.UtcNow, State = CompetitionState.Draft };
        var error = Apply(settings, competition, classesEditable: true);
        if (error is not null)
        {
            return (null, error);
        }

        db.Competitions.Add(competition);
        await db.SaveChangesAsync(cancellationToken);
        return (competition.Id, null);
    }

    /// <summary>Changes a competition's settings; classes and split stay once a hidden set exists.</summary>
    public async Task<string?> UpdateAsync(int competitionId, CompetitionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.Include(c => c.HiddenSet).FirstAsync(c => c.Id == competitionId, cancellationToken);
        if (await db.Competitions.AnyAsync(c => c.Slug == settings.Slug && c.Id != competitionId, cancellationToken))
        {
            return $"A competition with the address '{settings.Slug}' already exists.";
        }

        var error = Apply(settings, competition, classesEditable: competition.HiddenSet is null);
        if (error is not null)
        {
            return error;
        }

        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new BoardChanged(competitionId));
        return null;
    }

    /// <summary>Opens (or reopens) a competition: the public board is shown, submissions accepted within its dates.</summary>
    public async Task<string?> OpenAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.Include(c => c.HiddenSet).FirstAsync(c => c.Id == competitionId, cancellationToken);
        if (competition.HiddenSet is null)
        {
            return "Upload the hidden set before opening the competition.";
        }

        competition.State = CompetitionState.Open;
        competition.ClosedAtUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new BoardChanged(competitionId));
        return null;
    }

    /// <summary>Closes a competition: no more submissions; the private board and private scores are revealed.</summary>
    public async Task CloseAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var competition = await db.Competitions.FirstAsync(c => c.Id == competitionId, cancellationToken);
        competition.State = CompetitionState.Closed;
        competition.ClosedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new BoardChanged(competitionId));
    }

    /// <summary>
    /// Queues a rescore of every scored submission of the competition (after a fix to its hidden set's labels, say).
    /// Failed ones keep their reason: their slot was given back when they failed, and failing again must not give it twice.
    /// The hidden set is read again by every process (its version is raised) and the queued submissions leave the board
    /// until they are scored again, all in one transaction.
    /// </summary>
    public async Task<int> RescoreAllAsync(int competitionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One transaction: a crash never leaves a submission queued without its job.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Submissions.Where(s => s.CompetitionId == competitionId && s.Status == SubmissionStatus.Scored)
            .Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Add(db, JobKind.ScoreSubmission, competitionId, id);
        }

        await db.Submissions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Queued), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.RaiseVersionAsync(competitionId, CompetitionVersion.Board | CompetitionVersion.HiddenSet, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new BoardChanged(competitionId));
        jobs.Wake();
        return ids.Count;
    }

    /// <summary>The settings of a competition, for editing.</summary>
    public static CompetitionSettings SettingsOf(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var builtIn = competition.ClassNames.SequenceEqual(ClassTaxonomy.MaskGenderAge.ClassNames);
        return new CompetitionSettings
        {
            Slug = competition.Slug,
            Title = competition.Title,
            Description = competition.Description,
            ClassNames = builtIn ? "" : string.Join('\n', competition.ClassNames),
            MaskAxes = competition.AxesJson is not null,
            PublicFraction = competition.PublicFraction,
            SplitSeed = competition.SplitSeed,
            StartsAtUtc = competition.StartsAtUtc,
            EndsAtUtc = competition.EndsAtUtc,
            TimeZone = competition.TimeZone,
            DailySubmissionLimit = competition.DailySubmissionLimit,
            FinalSelectionLimit = competition.FinalSelectionLimit,
            ShowPublicPerClass = competition.ShowPublicPerClass,
            LadderMode = competition.LadderMode,
            LadderStep = competition.LadderStep,
        };
    }

    private static string? Apply(CompetitionSettings settings, Competition competition, bool classesEditable)
    {
        var title = BidiControls.Strip(settings.Title).Trim();
        if (title.Length == 0)
        {
            return "Give the competition a title.";
        }

        if (settings.EndsAtUtc <= settings.StartsAtUtc)
        {
            return "The end must come after the start.";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            return $"'{settings.TimeZone}' is not a known time zone; use an IANA name such as Europe/Berlin or Asia/Seoul.";
        }

        if (!Enum.IsDefined(settings.LadderMode))
        {
            return "Choose off, fixed step or parameter-free for the ladder.";
        }

        if (!(settings.LadderStep >= CompetitionSettings.MinimumLadderStep && settings.LadderStep <= CompetitionSettings.MaximumLadderStep))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The ladder's step must be between {CompetitionSettings.MinimumLadderStep} and {CompetitionSettings.MaximumLadderStep} macro F1.");
        }

        if (classesEditable)
        {
            var names = BidiControls.Strip(settings.ClassNames).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            ClassTaxonomy taxonomy;
            if (names.Length == 0)
            {
                taxonomy = settings.MaskAxes ? ClassTaxonomy.MaskGenderAge : ClassTaxonomy.Plain(18);
            }
            else if (names.Length < 2 || names.Length > 256 || names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Length)
            {
                return "Give between 2 and 256 distinct class names, one per line.";
            }
            else
            {
                taxonomy = new ClassTaxonomy(names);
            }

            competition.ClassNames = taxonomy.ClassNames.ToList();
            competition.AxesJson = CompetitionTaxonomy.AxesToJson(taxonomy);
            competition.PublicFraction = settings.PublicFraction;
            competition.SplitSeed = settings.SplitSeed;
        }

        competition.Slug = settings.Slug;
        competition.Title = title;
        competition.Description = BidiControls.Strip(settings.Description);
        competition.StartsAtUtc = DateTime.SpecifyKind(settings.StartsAtUtc, DateTimeKind.Utc);
        competition.EndsAtUtc = DateTime.SpecifyKind(settings.EndsAtUtc, DateTimeKind.Utc);
        competition.TimeZone = settings.TimeZone;
        competition.DailySubmissionLimit = settings.DailySubmissionLimit;
        competition.FinalSelectionLimit = settings.FinalSelectionLimit;
        competition.ShowPublicPerClass = settings.ShowPublicPerClass;
        competition.LadderMode = settings.LadderMode;
        competition.LadderStep = settings.LadderStep;
        return null;
    }
}
