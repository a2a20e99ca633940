using Portal.Application.Access;
using Portal.Application.Submissions;
using Portal.Application.TrainingRuns;

namespace Portal.Web.Api;

/// <summary>The training run sent with a submission (the form's <c>run</c> parts and <c>commit</c>), stored once the submission is accepted.</summary>
internal static class SubmissionRuns
{
    /// <summary>
    /// Stores the run of <paramref name="form"/> with the submission <paramref name="outcome"/> accepted; null when the
    /// submission was refused (nothing of the run is kept) or no run was sent.
    /// </summary>
    public static async Task<ApiRunAttachment?> AttachAsync(SubmitOutcome outcome, SubmissionForm form, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(http);
        if (outcome.SubmissionId is not int id || form.RunFiles.Count == 0)
        {
            return null;
        }

        var runs = http.RequestServices.GetRequiredService<TrainingRunService>();
        var files = form.RunFiles.Select(f => new TrainingRunUpload(f.FileName, f.Length, f.Open)).ToList();
        var attachment = await runs.AttachToAcceptedAsync(id, files, form.Field("commit"), Viewer.From(http.User), http.RequestAborted);
        return attachment is null ? null : ApiRunAttachment.From(id, attachment);
    }
}
