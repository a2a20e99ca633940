namespace Portal.Application.TrainingRuns;

/// <summary>
/// What became of a change to a training run (publishing it): done when both are unset; <see cref="NotFound"/> when the
/// submission or its run does not exist or is not the viewer's; <see cref="Conflict"/> a sentence saying why not now.
/// </summary>
public sealed record TrainingRunChange(bool NotFound, string? Conflict)
{
    public static TrainingRunChange Done { get; } = new(false, null);

    public static TrainingRunChange Missing { get; } = new(true, null);

    public bool Succeeded => !NotFound && Conflict is null;
}
