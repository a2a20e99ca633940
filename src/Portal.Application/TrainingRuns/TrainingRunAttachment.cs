namespace Portal.Application.TrainingRuns;

/// <summary>
/// What became of the training run sent together with a submission that was accepted: <see cref="Run"/> when it was kept;
/// otherwise <see cref="Error"/>, a sentence saying the submission was accepted and why its run was not kept (the file and
/// the record or line), so the run can be attached again later. The submission stays accepted either way.
/// </summary>
public sealed record TrainingRunAttachment(TrainingRunView? Run, string? Error)
{
    /// <summary>Whether the run was stored with the submission.</summary>
    public bool Kept => Run is not null;
}
