using System.Text.Json;
using Portal.Application.Admin;

namespace Portal.Web.Api;

/// <summary>A background job as the host API lists it: kind and state as lower-camel words, times in UTC.</summary>
public sealed record ApiJob(long Id, string Kind, string State, string? Competition, int? SubmissionId, double Progress, string? ProgressText, int Attempts,
    string? Error, DateTime CreatedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, bool Cancellable)
{
    public static ApiJob From(HostJobRow job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, JsonNamingPolicy.CamelCase.ConvertName(job.Kind.ToString()), job.State.ToString().ToLowerInvariant(), job.CompetitionSlug,
            job.SubmissionId, job.Progress, job.ProgressText, job.Attempts, job.Error, job.CreatedAtUtc, job.StartedAtUtc, job.FinishedAtUtc, job.Cancellable);
    }
}
