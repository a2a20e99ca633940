namespace Portal.Application.Comparison;

/// <summary>
/// One image A and B label differently. <see cref="Truth"/> is set only where the viewer may see
/// per-image correctness (hosts; participants after the close), never during the competition.
/// <see cref="Flips"/> names the attributes (mask, gender, age) whose value differs between A and B.
/// <see cref="ConfidenceA"/> and <see cref="ConfidenceB"/> are each submission's probability of its own label, where both have probabilities.
/// </summary>
public sealed record DifferingImage(int Position, string ImageId, int A, int B, int? Truth, IReadOnlyList<string> Flips, float? ConfidenceA = null, float? ConfidenceB = null)
{
    /// <summary>How confident the disagreement is: the smaller of the two confidences (both sure of different labels); null without probabilities.</summary>
    public float? Confidence => ConfidenceA is float a && ConfidenceB is float b ? Math.Min(a, b) : null;
}
