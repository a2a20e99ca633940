namespace Portal.Data.Entities;

/// <summary>What a submission was made from.</summary>
public enum SubmissionKind
{
    LabelsCsv,
    ProbabilitiesCsv,
    Model,
    Ensemble,
}
