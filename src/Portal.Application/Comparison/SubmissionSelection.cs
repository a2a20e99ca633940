using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Access;
using Portal.Application.Competitions;
using Portal.Application.Submissions;

namespace Portal.Application.Comparison;

/// <summary>
/// Several scored submissions of one competition picked by id, each checked against what the viewer may
/// see, in the order asked, with the hidden set they were scored on; or a sentence saying why not
/// (<see cref="NotFound"/> when a submission does not exist or is not the viewer's to see).
/// </summary>
public sealed record SubmissionSelection(Competition Competition, IReadOnlyList<Submission> Submissions, LoadedHiddenSet Hidden, string? Error, bool NotFound = false)
{
    /// <summary>Loads <paramref name="ids"/> of competition <paramref name="competitionId"/>; a submission the viewer may not see reads as one that does not exist.</summary>
    public static async Task<SubmissionSelection> LoadAsync(
        PortalDbContext db, HiddenSetCache hiddenSets, int competitionId, IReadOnlyList<int> ids, Viewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hiddenSets);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(viewer);
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, cancellationToken);
        if (competition is null)
        {
            return Refused("There is no such competition.");
        }

        if (ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return Refused($"Submission #{twice.Key} is listed twice.");
        }

        var found = await db.Submissions.AsNoTracking().Include(s => s.Team).Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var accessible = new Dictionary<int, bool>();
        var ordered = new List<Submission>(ids.Count);
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var submission) || submission.CompetitionId != competitionId)
            {
                return Missing(id);
            }

            if (!accessible.TryGetValue(submission.TeamId, out var may))
            {
                may = await TeamAccess.MayOpenAsync(db, submission.TeamId, viewer, cancellationToken);
                accessible[submission.TeamId] = may;
            }

            if (!may)
            {
                return Missing(id);
            }

            if (submission.Status != SubmissionStatus.Scored || submission.Labels is null)
            {
                return Refused(submission.Status == SubmissionStatus.Failed
                    ? $"Submission #{id} failed and has no score; only scored submissions can be used. Leave it out."
                    : $"Submission #{id} is not scored yet ({submission.Status.ToString().ToLowerInvariant()}); only scored submissions can be used. Wait until it is scored, or leave it out.");
            }

            ordered.Add(submission);
        }

        if (await hiddenSets.GetAsync(competitionId) is not { } hidden)
        {
            return Refused("The competition has no hidden set.");
        }

        if (ordered.FirstOrDefault(s => s.Labels!.Length != hidden.Truth.Count) is { } stale)
        {
            return Refused($"Submission #{stale.Id} was scored against another hidden set and can no longer be used.");
        }

        return new SubmissionSelection(competition, ordered, hidden, null);

        SubmissionSelection Refused(string error) => new(null!, [], null!, error);

        SubmissionSelection Missing(int id) => new(null!, [], null!, $"Submission #{id} is not one of your team's submissions in this competition.", true);
    }
}
