namespace Portal.Application.Submissions.Intake;

/// <summary>
/// A seam for fault-injection tests: called after each step of the intake's transaction. The registered one does
/// nothing; a test registers one that throws at a step, as a crash there would stop the intake.
/// </summary>
public class IntakeFaults
{
    /// <summary>Called after <paramref name="completed"/>; throwing stops the intake there.</summary>
    public virtual ValueTask AfterAsync(IntakeStep completed) => ValueTask.CompletedTask;
}
