using Portal.Application.TrainingRuns;

namespace Portal.Web.Api;

/// <summary>
/// The training run sent with an accepted submission: <c>kept</c> true when it was stored (read it at <c>url</c>), with its
/// number of <c>series</c> (one per fold and tag) and the mean over folds of the last and best validation F1 in [0, 1]
/// (null without a validation F1 tag); <c>kept</c> false with <c>error</c>, a sentence saying the submission was accepted
/// and why its run was not (the file and its record or line): send the run again to <c>url</c>.
/// </summary>
public sealed record ApiRunAttachment(bool Kept, string? Error, string Url, int Series, double? ValidationF1Last, double? ValidationF1Best)
{
    /// <summary>The answer for <paramref name="attachment"/>, the run of submission <paramref name="submissionId"/>.</summary>
    public static ApiRunAttachment From(int submissionId, TrainingRunAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var url = $"/api/v1/submissions/{submissionId}/training-run";
        return attachment.Run is { } run
            ? new ApiRunAttachment(true, null, url, run.Series.Count, run.ValidationF1Last, run.ValidationF1Best)
            : new ApiRunAttachment(false, attachment.Error, url, 0, null, null);
    }
}
