namespace Portal.Application.TrainingRuns;

/// <summary>
/// What became of a training-run upload: <see cref="Run"/> when stored; <see cref="NotFound"/> when the submission does
/// not exist or is not the viewer's to change; otherwise <see cref="Error"/>, a sentence naming the file and the record
/// or line (nothing was stored), with <see cref="TooLarge"/> set when a size limit was the reason.
/// </summary>
public sealed record TrainingRunUploadOutcome(TrainingRunView? Run, bool NotFound, string? Error, bool TooLarge = false)
{
    public static TrainingRunUploadOutcome Missing { get; } = new(null, true, null);

    public static TrainingRunUploadOutcome Refused(string error, bool tooLarge = false) => new(null, false, error, tooLarge);
}
