using Portal.Core.Submissions;

namespace Portal.Application.Submissions;

/// <summary>
/// Predictions with their scores on both splits, computed by <see cref="SubmissionScorer.Score"/> before anything is
/// written, so the row can be stored scored in the same transaction that takes its slot.
/// </summary>
/// <param name="Predictions">The predictions scored (labels; probabilities when the submission has them).</param>
/// <param name="Details">Macro F1 and the other metrics of each split (what the row's details JSON holds).</param>
public sealed record ScoredPredictions(Predictions Predictions, ScoreDetails Details)
{
    /// <summary>Macro F1 on the public split (the board's score).</summary>
    public double PublicScore => Details.Public.MacroF1;

    /// <summary>Macro F1 on the private split (kept on the server until the close).</summary>
    public double PrivateScore => Details.Private.MacroF1;
}
