using Microsoft.EntityFrameworkCore;
using Portal.Core.Scoring;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Notifications;

/// <summary>
/// Writes webhook messages into the caller's unit of work (<see cref="WebhookDelivery"/> rows saved with the event they
/// tell of, so a crash leaves both or neither), and wakes this process's <see cref="WebhookSender"/> after the commit.
/// Only teams with a webhook get rows; only facts about the team's own submissions and rank go in them.
/// </summary>
public sealed class WebhookOutbox(TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    /// <summary>
    /// Adds to <paramref name="db"/> (saved with the caller's changes) the messages a newly scored
    /// <paramref name="submission"/> causes: "scored" to its team, and "overtaken" to every other ranked team of an open
    /// competition that ranked above the submission's team on the public board and ranks below it now. True when it
    /// added any (wake the sender after the commit). Most competitions have no webhook: then it costs one query.
    /// </summary>
    public async Task<bool> AddScoredAsync(PortalDbContext db, Submission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        // The submission's team and every team that could be told, in one query.
        var teams = await db.Teams.AsNoTracking()
            .Where(t => t.Id == submission.TeamId || (t.CompetitionId == submission.CompetitionId && t.WebhookUrl != null && !t.IsBaseline))
            .Select(t => new { t.Id, t.Name, t.WebhookUrl, t.IsBaseline }).ToListAsync(cancellationToken);
        var team = teams.First(t => t.Id == submission.TeamId);
        var listeners = teams.Where(t => t.Id != submission.TeamId).ToList();
        if (team.WebhookUrl is null && (listeners.Count == 0 || team.IsBaseline || submission.PublicScore is null))
        {
            return false;
        }

        var competition = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == submission.CompetitionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        if (team.WebhookUrl is not null)
        {
            Add(db, submission.TeamId, competition.Id, submission.Id, WebhookEvent.Scored,
                WebhookBodies.Scored(competition, team.Name, submission.Id, submission.PublicScore, now), now);
            added = true;
        }

        if (competition.State != CompetitionState.Open || team.IsBaseline || submission.PublicScore is null || listeners.Count == 0)
        {
            return added;
        }

        // Only when someone could be told: this reads every scored submission.
        var scored = await db.Submissions.AsNoTracking()
            .Where(s => s.CompetitionId == competition.Id && s.Status == SubmissionStatus.Scored && s.PublicScore != null && s.Id != submission.Id && !s.Team!.IsBaseline)
            .Select(s => new LeaderboardEntry(s.TeamId, "", false, s.Id, s.CreatedAtUtc, s.PublicScore!.Value, null, false))
            .ToListAsync(cancellationToken);
        var newEntry = new LeaderboardEntry(submission.TeamId, team.Name, false, submission.Id, submission.CreatedAtUtc, submission.PublicScore.Value, null, false);
        foreach (var overtaken in Overtaken(scored, newEntry, listeners.Select(l => l.Id).ToHashSet()))
        {
            var name = listeners.First(l => l.Id == overtaken.TeamId).Name;
            Add(db, overtaken.TeamId, competition.Id, null, WebhookEvent.Overtaken,
                WebhookBodies.Overtaken(competition, name, overtaken.Score, overtaken.Rank ?? 0, now), now);
            added = true;
        }

        return added;
    }

    /// <summary>Adds to <paramref name="db"/> the "failed" message of <paramref name="submission"/> for its team, when it has a webhook.</summary>
    public async Task AddFailedAsync(PortalDbContext db, Submission submission, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(submission);
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == submission.TeamId).Select(t => new { t.Name, t.WebhookUrl }).FirstAsync(cancellationToken);
        if (team.WebhookUrl is null)
        {
            return;
        }

        var competition = await db.Competitions.AsNoTracking().FirstAsync(c => c.Id == submission.CompetitionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Add(db, submission.TeamId, competition.Id, submission.Id, WebhookEvent.Failed, WebhookBodies.Failed(competition, team.Name, submission.Id, reason, now), now);
    }

    /// <summary>
    /// The rows of the public board (each with the team's rank now) of the teams in <paramref name="listening"/> that
    /// ranked above <paramref name="entry"/>'s team before it and rank below it with it, by the board's own rules.
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Overtaken(IReadOnlyCollection<LeaderboardEntry> before, LeaderboardEntry entry, IReadOnlySet<int> listening)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(listening);
        var oldBoard = LeaderboardRanking.Public(before).ToList();
        var newBoard = LeaderboardRanking.Public(before.Append(entry)).ToList();
        var oldPlace = oldBoard.FindIndex(r => r.TeamId == entry.TeamId);
        var newPlace = newBoard.FindIndex(r => r.TeamId == entry.TeamId);
        return newBoard.Skip(newPlace + 1)
            .Where(r => listening.Contains(r.TeamId))
            .Where(r =>
            {
                var was = oldBoard.FindIndex(o => o.TeamId == r.TeamId);
                return oldPlace < 0 || was < oldPlace;
            })
            .ToList();
    }

    /// <summary>Adds one pending message to <paramref name="db"/>, due now.</summary>
    public static WebhookDelivery Add(PortalDbContext db, int teamId, int competitionId, int? submissionId, WebhookEvent kind, string body, DateTime nowUtc, string? dedupeKey = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var delivery = new WebhookDelivery
        {
            TeamId = teamId,
            CompetitionId = competitionId,
            SubmissionId = submissionId,
            Event = kind,
            State = WebhookDeliveryState.Pending,
            Body = body,
            DedupeKey = dedupeKey,
            NextAttemptAtUtc = nowUtc,
            CreatedAtUtc = nowUtc,
        };
        db.WebhookDeliveries.Add(delivery);
        return delivery;
    }

    /// <summary>Tells this process's sender that there are messages (call after the commit).</summary>
    public void Wake() => _signal.Release();

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits until woken or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
