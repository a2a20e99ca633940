namespace Portal.Application.Submissions.Intake;

/// <summary>The steps of the intake's one transaction, after which <see cref="IntakeFaults"/> can stop it (fault-injection tests).</summary>
public enum IntakeStep
{
    /// <summary>The day's slot of the daily limit is taken.</summary>
    SlotTaken,

    /// <summary>The submission's row is written (with its scores, for a kind scored at once).</summary>
    RowWritten,

    /// <summary>Its job is written (kinds with a job); the commit is next.</summary>
    JobWritten,
}
