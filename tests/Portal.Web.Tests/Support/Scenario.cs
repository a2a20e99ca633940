using Portal.Core.Scoring;
using Portal.Application.Competitions;

namespace Portal.Web.Tests.Support;

/// <summary>An open competition with a hidden set, two teams with members and API tokens, and the host.</summary>
public sealed record Scenario(
    int CompetitionId,
    string Slug,
    LoadedHiddenSet Hidden,
    ScenarioTeam A,
    ScenarioTeam B)
{
    /// <summary>The hidden image ids, in hidden-set order.</summary>
    public IReadOnlyList<string> ImageIds => Hidden.Truth.Images.Ids;

    /// <summary>
    /// Predicted labels in hidden-set order: right on the first <paramref name="publicRight"/> share of
    /// the public images and <paramref name="privateRight"/> of the private ones, wrong (the next class) elsewhere.
    /// </summary>
    public byte[] Predict(double publicRight, double privateRight)
    {
        var truth = Hidden.Truth.Labels.ToArray();
        var predicted = truth.Select(l => (byte)((l + 1) % Hidden.Taxonomy.Count)).ToArray();
        MakeRight(Hidden.Split.PublicPositions, publicRight);
        MakeRight(Hidden.Split.PrivatePositions, privateRight);
        return predicted;

        void MakeRight(int[] positions, double share)
        {
            var take = (int)Math.Round(positions.Length * share, MidpointRounding.AwayFromZero);
            foreach (var position in positions.Take(take))
            {
                predicted[position] = truth[position];
            }
        }
    }

    /// <summary>The public macro F1 of <paramref name="predicted"/>, by the core's scorer.</summary>
    public double PublicScore(byte[] predicted) =>
        Scorer.Score(Hidden.Truth.Labels, predicted, Hidden.Taxonomy, Hidden.Split.PublicPositions).MacroF1;

    /// <summary>The private macro F1 of <paramref name="predicted"/>, by the core's scorer.</summary>
    public double PrivateScore(byte[] predicted) =>
        Scorer.Score(Hidden.Truth.Labels, predicted, Hidden.Taxonomy, Hidden.Split.PrivatePositions).MacroF1;

    /// <summary>A valid labels CSV of <paramref name="predicted"/> (rows in reverse order: any order is allowed).</summary>
    public string Csv(byte[] predicted) => SubmissionCsv.Labels(ImageIds, predicted);
}
