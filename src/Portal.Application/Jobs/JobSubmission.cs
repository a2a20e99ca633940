using Microsoft.EntityFrameworkCore;
using Portal.Application.Competitions;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Application.Jobs;

/// <summary>What every job about a submission reads first: the submission, and its competition's hidden set, or why the job cannot go on.</summary>
internal static class JobSubmission
{
    /// <summary>The job's submission, tracked by <paramref name="db"/>.</summary>
    /// <exception cref="JobFailedException">It no longer exists.</exception>
    public static async Task<Submission> LoadAsync(PortalDbContext db, Job job, CancellationToken cancellationToken) =>
        await db.Submissions.FirstOrDefaultAsync(s => s.Id == job.SubmissionId, cancellationToken)
        ?? throw new JobFailedException("The submission no longer exists.");

    /// <summary>The hidden set <paramref name="submission"/> is scored on.</summary>
    /// <exception cref="JobFailedException">The competition has none.</exception>
    public static async Task<LoadedHiddenSet> HiddenSetAsync(HiddenSetCache hiddenSets, Submission submission) =>
        await hiddenSets.GetAsync(submission.CompetitionId) ?? throw new JobFailedException("The competition has no hidden set.");
}
