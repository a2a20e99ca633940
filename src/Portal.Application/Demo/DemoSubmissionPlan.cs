namespace Portal.Application.Demo;

/// <summary>
/// One seeded submission: how wrong it is on each attribute and when it was sent. Errors mostly
/// flip age and gender, hardly mask, as real models of this task do.
/// </summary>
internal sealed record DemoSubmissionPlan(string Team, string Description, double AgeError, double GenderError, double MaskError, int DaysAgo, bool Probabilities = false);
