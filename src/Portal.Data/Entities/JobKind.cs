namespace Portal.Data.Entities;

/// <summary>The kinds of background work.</summary>
public enum JobKind
{
    ScoreSubmission,
    RunModel,
    BuildEnsemble,
    RescoreCompetition,
}
